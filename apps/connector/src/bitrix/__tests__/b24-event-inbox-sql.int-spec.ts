import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase, Rollback } from '../../database/__tests__/open-test-database.js';
import { B24EventEntity } from '../b24-event.entity.js';
import { B24EventInboxRepository, type NewB24Event } from '../b24-event-inbox.repository.js';

// Webhooks store events and the worker lists and marks them with fixed SQL (database/raw-sql.ts); the dashboard and
// a record's history read them through TypeORM. Both must agree, on SQLite and on PostgreSQL (test/pg/with-postgres.sh).

const received = new Date('2026-12-07T10:00:00.789Z');
const processed = new Date('2026-12-07T10:00:05.001Z');
const update7: NewB24Event = { event: 'ONCRMCONTACTUPDATE', b24Entity: 'contact', b24Id: '7', action: 'update', ts: '1765101600' };

describe('the Bitrix24 event inbox', () => {
  const db = useTestDatabase();
  let now: Date;
  let inbox: B24EventInboxRepository;
  beforeEach(() => {
    now = received;
    inbox = new B24EventInboxRepository(db(), { now: () => now });
  });

  it('a batch of handled events is marked at once, each with its own outcome', async () => {
    for (const id of ['1', '2', '3']) await inbox.store({ ...update7, b24Id: id });
    const [a, b, c] = await inbox.pending(10);
    now = processed;
    await inbox.markEachProcessed([
      { id: a?.id ?? 0, status: 'processed' },
      { id: b?.id ?? 0, status: 'failed', note: 'Bitrix24 answered 500' },
      { id: c?.id ?? 0, status: 'ignored', note: 'record no longer exists in Bitrix24' },
    ]);
    expect(await inbox.pending(10)).toEqual([]);
    const rows = await db()
      .getRepository(B24EventEntity)
      .find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.b24Id, r.status, r.note, r.processedAt?.toISOString()])).toEqual([
      ['1', 'processed', null, processed.toISOString()],
      ['2', 'failed', 'Bitrix24 answered 500', processed.toISOString()],
      ['3', 'ignored', 'record no longer exists in Bitrix24', processed.toISOString()],
    ]);
  });

  it('a delivery repeated while the first still waits is a duplicate; after processing it is a new edit', async () => {
    expect(await inbox.store(update7)).toBe('queued');
    expect(await inbox.store(update7)).toBe('duplicate');
    expect(await inbox.store({ ...update7, b24Entity: 'company', event: 'ONCRMCOMPANYUPDATE' })).toBe('queued');
    const [first] = await inbox.pending(10);
    now = processed;
    await inbox.markEachProcessed([{ id: first?.id ?? 0, status: 'processed' }]);
    expect(await inbox.store(update7)).toBe('queued');

    const rows = await db()
      .getRepository(B24EventEntity)
      .find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.b24Entity, r.status])).toEqual([
      ['contact', 'processed'],
      ['company', 'pending'],
      ['contact', 'pending'],
    ]);
  });

  it('deliveries that arrive together are stored once each, in the order they came, each told its own outcome', async () => {
    // On PostgreSQL concurrent stores are concurrent inserts on several connections: their order is the race's.
    if (db().options.type !== 'better-sqlite3') return;
    const outcomes = await Promise.all([
      inbox.store(update7),
      inbox.store({ ...update7, b24Id: '8' }),
      inbox.store(update7),
      inbox.store({ ...update7, b24Entity: 'company', event: 'ONCRMCOMPANYUPDATE' }),
    ]);
    expect(outcomes).toEqual(['queued', 'queued', 'duplicate', 'queued']);
    const rows = await db()
      .getRepository(B24EventEntity)
      .find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.b24Entity, r.b24Id])).toEqual([
      ['contact', '7'],
      ['contact', '8'],
      ['company', '7'],
    ]);
  });

  it('a delivery that cannot be stored fails alone: the others that arrived with it are stored', async () => {
    const broken = { ...update7, b24Id: '8', action: null } as unknown as NewB24Event;
    const outcomes = await Promise.allSettled([inbox.store(update7), inbox.store(broken), inbox.store({ ...update7, b24Id: '9' })]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await inbox.pending(10)).map((e) => e.b24Id).sort()).toEqual(['7', '9']);
  });

  it('on SQLite the deliveries of one turn are written in one commit after it, not one each (issue 14)', async () => {
    if (db().options.type !== 'better-sqlite3') return;
    const count = async (): Promise<number> => db().getRepository(B24EventEntity).count();
    const stored = [inbox.store(update7), inbox.store({ ...update7, b24Id: '8' })];
    // Nothing is on disk, and nobody answered, until the turn is over.
    expect(await count()).toBe(0);
    await Promise.all(stored);
    expect(await count()).toBe(2);
  });

  it('pending lists waiting events oldest first, up to the limit, as TypeORM stored them', async () => {
    for (const id of ['1', '2', '3', '4']) await inbox.store({ ...update7, b24Id: id, ts: null });
    const [one, two] = await inbox.pending(2);
    await inbox.markEachProcessed([{ id: two?.id ?? 0, status: 'failed', note: 'Bitrix24 answered 500' }]);

    const waiting = await inbox.pending(10);
    expect(waiting.map((e) => e.b24Id)).toEqual(['1', '3', '4']);
    expect(waiting[0]).toEqual({
      ...(await db()
        .getRepository(B24EventEntity)
        .findOneByOrFail({ id: one?.id ?? 0 })),
    });
    expect(waiting[0]).toEqual({
      id: one?.id,
      dedupeKey: 'ONCRMCONTACTUPDATE:contact:1:',
      event: 'ONCRMCONTACTUPDATE',
      b24Entity: 'contact',
      b24Id: '1',
      action: 'update',
      ts: null,
      status: 'pending',
      note: null,
      receivedAt: received,
      processedAt: null,
    });
  });

  it('marking records status, note and time; without a note the note is cleared', async () => {
    await inbox.store(update7);
    const [e] = await inbox.pending(1);
    now = processed;
    await inbox.markEachProcessed([{ id: e?.id ?? 0, status: 'skipped', note: 'filtered out' }]);
    await inbox.markEachProcessed([{ id: e?.id ?? 0, status: 'ignored' }]);

    expect(
      await db()
        .getRepository(B24EventEntity)
        .findOneByOrFail({ id: e?.id ?? 0 }),
    ).toMatchObject({
      status: 'ignored',
      note: null,
      receivedAt: received,
      processedAt: processed,
    });
    expect(await inbox.pending(10)).toEqual([]);
  });

  it('an event stored or marked in a transaction that fails is still waiting as before', async () => {
    await inbox.store(update7);
    const [e] = await inbox.pending(1);
    await expect(
      db().transaction(async (tx) => {
        await inbox.markEachProcessed([{ id: e?.id ?? 0, status: 'processed' }], tx);
        expect(await inbox.store({ ...update7, b24Id: '8' }, tx)).toBe('queued');
        throw new Rollback('the record could not be written');
      }),
    ).rejects.toBeInstanceOf(Rollback);

    expect(await inbox.pending(10)).toEqual([e]);
  });
});
