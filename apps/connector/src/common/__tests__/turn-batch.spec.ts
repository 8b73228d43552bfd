import { describe, expect, it } from 'vitest';
import { TurnBatch } from '../turn-batch.js';

/** A fake store: every write call is recorded; an item 'bad' makes any write that contains it fail. */
function fakeStore(): { writes: string[][]; batch: TurnBatch<string, string> } {
  const writes: string[][] = [];
  const write = async (items: readonly string[]): Promise<string[]> => {
    writes.push([...items]);
    if (items.includes('bad')) throw new Error('constraint failed');
    return items.map((i) => `stored ${i}`);
  };
  return { writes, batch: new TurnBatch(write, async (item) => (await write([item]))[0] ?? '') };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('TurnBatch: the writes of one turn of the event loop share one write, each caller gets its own result', () => {
  it('items added in one turn are written together, once, and each caller gets its own result', async () => {
    const { writes, batch } = fakeStore();
    const results = await Promise.all(['a', 'b', 'c'].map((i) => batch.add(i)));
    expect(results).toEqual(['stored a', 'stored b', 'stored c']);
    expect(writes).toEqual([['a', 'b', 'c']]);
  });

  it('nothing is written during the turn the item was added in', async () => {
    const { writes, batch } = fakeStore();
    const pending = batch.add('a');
    expect(writes).toEqual([]);
    await pending;
    expect(writes).toEqual([['a']]);
  });

  it('items of different turns are different writes, in order', async () => {
    const { writes, batch } = fakeStore();
    const first = batch.add('a');
    await nextTurn();
    const second = batch.add('b');
    expect(await Promise.all([first, second])).toEqual(['stored a', 'stored b']);
    expect(writes).toEqual([['a'], ['b']]);
  });

  it('when the batch fails, each item is written alone and only the bad one fails', async () => {
    const { writes, batch } = fakeStore();
    const outcomes = await Promise.allSettled(['a', 'bad', 'c'].map((i) => batch.add(i)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : `rejected: ${String((o.reason as Error).message)}`))).toEqual([
      'stored a',
      'rejected: constraint failed',
      'stored c',
    ]);
    expect(writes).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('a write that returns fewer results than items fails the callers left without one', async () => {
    const batch = new TurnBatch<string, string>(
      async () => ['only one'],
      async (i) => i,
    );
    const outcomes = await Promise.allSettled(['a', 'b'].map((i) => batch.add(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
  });
});
