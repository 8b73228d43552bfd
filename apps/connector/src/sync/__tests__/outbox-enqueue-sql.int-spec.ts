import type { DataSource, EntityManager, FindOneOptions, Repository } from 'typeorm';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../database/__tests__/open-test-database.js';
import { OutboxEntity } from '../outbox.entity.js';
import { OutboxRepository, type OutboxPayload } from '../outbox.repository.js';

// A Bitrix24 change queued for QuickBooks coalesces into its record's pending row, on SQLite and on PostgreSQL
// (test/pg/with-postgres.sh). The Bitrix24 worker queues changes while a Web Connector session claims rows: a row
// claimed between enqueue's read and its write keeps the change it was built from, and the newer change waits behind
// it in a row of its own. Otherwise QuickBooks would get the older values while the row, applied as done, recorded
// the newer change's hash, and the newer change would never reach QuickBooks.

const t0 = new Date('2026-12-08T06:00:00.000Z');
const t1 = new Date('2026-12-08T06:30:00.000Z');

const payload = (name: string, hash: string): OutboxPayload => ({ kind: 'customer', desired: { name }, b24Hash: hash });
const change = (name: string, hash: string) => ({
  b24Entity: 'contact',
  b24Id: '7',
  qbEntity: 'customer',
  payload: payload(name, hash),
  idempotencyKey: `contact:7:${hash}`,
});

/**
 * The data source's manager, whose outbox repository runs `between` right after it reads a pending row: a Web
 * Connector call that ran between enqueue's read and its write. Passed as enqueue's `tx`; everything else is the real
 * manager (no transaction), so the statements are those enqueue runs without one.
 */
function managerWithCallAfterRead(ds: DataSource, between: () => Promise<void>): EntityManager {
  let ran = false;
  const real = ds.getRepository(OutboxEntity);
  const repo = new Proxy(real, {
    get(target, prop, receiver) {
      if (prop !== 'findOne') return Reflect.get(target, prop, receiver);
      return async (options: FindOneOptions<OutboxEntity>) => {
        const found = await target.findOne(options);
        // Only the read of the record's pending row: enqueue's look at the newest row comes before it.
        if (found && !ran && (options.where as { status?: string } | undefined)?.status === 'pending') {
          ran = true;
          await between();
        }
        return found;
      };
    },
  }) as Repository<OutboxEntity>;
  return new Proxy(ds.manager, {
    get(target, prop, receiver) {
      if (prop === 'getRepository') return () => repo;
      return Reflect.get(target, prop, receiver);
    },
  });
}

describe('queueing a Bitrix24 change for QuickBooks', () => {
  const db = useTestDatabase();
  let outbox: OutboxRepository;
  beforeEach(() => {
    outbox = new OutboxRepository(db());
  });

  const rows = async () =>
    (
      await db()
        .getRepository(OutboxEntity)
        .find({ order: { id: 'ASC' } })
    ).map((r) => [r.status, r.operation, r.idempotencyKey, (JSON.parse(r.payloadJson) as OutboxPayload).desired['name']]);

  it('coalesces into the pending row (newest values win), restarts a custom-field round, and ignores a change seen before', async () => {
    expect(await outbox.enqueue(change('Ann Old', 'h1'), t0)).toBe('queued');
    await db().getRepository(OutboxEntity).update({ b24Id: '7' }, { operation: 'cf-write' });
    expect(await outbox.enqueue(change('Ann New', 'h2'), t1)).toBe('coalesced');
    expect(await outbox.enqueue(change('Ann New', 'h2'), t1)).toBe('duplicate');
    expect(await rows()).toEqual([['pending', 'upsert', 'contact:7:h2', 'Ann New']]);
    expect((await db().getRepository(OutboxEntity).findOneByOrFail({ b24Id: '7' })).updatedAt.toISOString()).toBe(t1.toISOString());
  });

  it('leaves a row claimed by a session between its read and its write as it was sent, and queues the change behind it', async () => {
    expect(await outbox.enqueue(change('Ann Old', 'h1'), t0)).toBe('queued');
    const [read] = await outbox.due(t0, 10);
    if (!read) throw new Error('the queued row is due');
    const claimSession = async (): Promise<void> => {
      expect([...(await outbox.claim([read], 'ticket-a', t0))]).toEqual([read.id]);
    };

    const result = await outbox.enqueue(change('Ann New', 'h2'), t1, managerWithCallAfterRead(db(), claimSession));

    expect(result).toBe('queued');
    expect(await rows()).toEqual([
      ['in_flight', 'upsert', 'contact:7:h1', 'Ann Old'],
      ['pending', 'upsert', 'contact:7:h2', 'Ann New'],
    ]);
  });

  it('coalesces into the next pending row when the one it read was claimed meanwhile', async () => {
    expect(await outbox.enqueue(change('Ann Old', 'h1'), t0)).toBe('queued');
    const [read] = await outbox.due(t0, 10);
    if (!read) throw new Error('the queued row is due');
    // A second pending row of the same record (a change queued while the first was in flight, then released).
    await db()
      .getRepository(OutboxEntity)
      .insert({ ...read, id: undefined, idempotencyKey: 'contact:7:h0', operation: 'verify' });

    const result = await outbox.enqueue(
      change('Ann New', 'h2'),
      t1,
      managerWithCallAfterRead(db(), async () => {
        await outbox.claim([read], 'ticket-a', t0);
      }),
    );

    expect(result).toBe('coalesced');
    expect(await rows()).toEqual([
      ['in_flight', 'upsert', 'contact:7:h1', 'Ann Old'],
      ['pending', 'verify', 'contact:7:h2', 'Ann New'],
    ]);
  });

  it('a change back to values queued before (an edit undone) is queued again, whatever became of the older row', async () => {
    const done = () => db().getRepository(OutboxEntity).update({ status: 'pending' }, { status: 'done' });
    expect(await outbox.enqueue(change('Ann', 'h1'), t0)).toBe('queued');
    await done();
    expect(await outbox.enqueue(change('Bob', 'h2'), t0)).toBe('queued');
    await done();

    expect(await outbox.enqueue(change('Ann', 'h1'), t1)).toBe('queued');
    // Delivered again (a retried webhook), the same change is still one row.
    expect(await outbox.enqueue(change('Ann', 'h1'), t1)).toBe('duplicate');
    expect(await rows()).toEqual([
      ['done', 'upsert', 'contact:7:h1~1', 'Ann'],
      ['done', 'upsert', 'contact:7:h2', 'Bob'],
      ['pending', 'upsert', 'contact:7:h1', 'Ann'],
    ]);
  });

  it('an edit undone while the edit waits behind a row in flight replaces the waiting edit', async () => {
    expect(await outbox.enqueue(change('Ann', 'h1'), t0)).toBe('queued');
    const [read] = await outbox.due(t0, 10);
    if (!read) throw new Error('the queued row is due');
    await outbox.claim([read], 'ticket-a', t0);
    expect(await outbox.enqueue(change('Bob', 'h2'), t0)).toBe('queued');

    expect(await outbox.enqueue(change('Ann', 'h1'), t1)).toBe('coalesced');
    expect(await rows()).toEqual([
      ['in_flight', 'upsert', `contact:7:h1~${read.id}`, 'Ann'],
      ['pending', 'upsert', 'contact:7:h1', 'Ann'],
    ]);
  });
});
