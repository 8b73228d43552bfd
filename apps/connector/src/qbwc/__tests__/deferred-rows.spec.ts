import { describe, expect, it } from 'vitest';
import { DeferredRows } from '../deferred-rows.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('DeferredRows: rows added in one turn of the event loop are written together', () => {
  it('writes every row added in a turn in one write, after the turn', async () => {
    const writes: string[][] = [];
    const rows = new DeferredRows<string>(
      async (batch) => writes.push([...batch]),
      () => undefined,
    );
    for (let i = 0; i < 50; i += 1) rows.add(`t${i}`, `row ${i}`);
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(50);
    rows.add('t50', 'row 50');
    await nextTurn();
    expect(writes.map((w) => w.length)).toEqual([50, 1]);
  });

  it('a reader that flushes first sees rows added in its own turn, and they are not written twice', async () => {
    const written: string[] = [];
    const rows = new DeferredRows<string>(
      async (batch) => written.push(...batch),
      () => undefined,
    );
    rows.add('a', 'row a');
    await rows.flush();
    expect(written).toEqual(['row a']);
    await nextTurn();
    expect(written).toEqual(['row a']);
  });

  it('a failed write is reported with the number of rows lost and does not stop later rows', async () => {
    const reported: [string, number][] = [];
    let fail = true;
    const written: string[] = [];
    const rows = new DeferredRows<string>(
      async (batch) => {
        if (fail) throw new Error('disk full');
        written.push(...batch);
      },
      (err, lost) => reported.push([err instanceof Error ? err.message : String(err), lost]),
    );
    rows.add('a', 'row a');
    rows.add('b', 'row b');
    await nextTurn();
    expect(reported).toEqual([['disk full', 2]]);
    fail = false;
    rows.add('c', 'row c');
    await nextTurn();
    expect(written).toEqual(['row c']);
  });
});
