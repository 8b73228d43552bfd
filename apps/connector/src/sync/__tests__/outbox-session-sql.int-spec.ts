import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../database/__tests__/open-test-database.js';
import { OutboxEntity } from '../outbox.entity.js';
import { OutboxRepository } from '../outbox.repository.js';

// A session claims the due outbox rows it built requests from, and its end releases the rows it held, each with one
// fixed statement (database/raw-sql.ts), on SQLite and on PostgreSQL (test/pg/with-postgres.sh): a row that changed
// after it was read is not claimed, so its older values never go out; what QuickBooks may have applied is looked up
// before a resend.

const t0 = new Date('2026-12-07T06:00:00.000Z');
const t1 = new Date('2026-12-07T06:30:00.000Z');

describe('outbox rows a session claims, and holds when it ended without an answer', () => {
  const db = useTestDatabase();
  let outbox: OutboxRepository;
  beforeEach(() => {
    outbox = new OutboxRepository(db());
  });

  const row = (b24Id: string, operation: string, status: 'pending' | 'in_flight' | 'done', ticketHash: string | null): Partial<OutboxEntity> => ({
    idempotencyKey: `contact:${b24Id}:hash-1`,
    b24Entity: 'contact',
    b24Id,
    qbEntity: 'customer',
    qbId: null,
    operation,
    payloadJson: '{}',
    status,
    attempts: 1,
    notBefore: t0,
    ticketHash,
    lastError: null,
    lastErrorCode: null,
    createdAt: t0,
    updatedAt: t0,
  });

  it('go back to the queue: a write to verify, a refresh as it was, a custom-field step to be read again; other rows untouched', async () => {
    const repo = db().getRepository(OutboxEntity);
    await repo.insert([
      row('1', 'add', 'in_flight', 'ticket-a'),
      row('2', 'refresh', 'in_flight', 'ticket-a'),
      row('3', 'cf-write', 'in_flight', 'ticket-a'),
      row('4', 'mod', 'in_flight', 'ticket-b'),
      row('5', 'add', 'pending', null),
      row('6', 'verify', 'done', 'ticket-a'),
    ]);
    expect(await outbox.releaseInFlight('ticket-a', 'session expired', t1)).toBe(3);
    expect(await outbox.releaseInFlight('ticket-a', 'again', t1)).toBe(0);

    const rows = (await repo.find({ order: { id: 'ASC' } })).map((r) => [r.b24Id, r.status, r.operation, r.ticketHash, r.lastError, r.updatedAt.toISOString()]);
    expect(rows).toEqual([
      ['1', 'pending', 'verify', null, 'session expired', t1.toISOString()],
      ['2', 'pending', 'refresh', null, 'session expired', t1.toISOString()],
      ['3', 'pending', 'cf-read', null, 'session expired', t1.toISOString()],
      ['4', 'in_flight', 'mod', 'ticket-b', null, t0.toISOString()],
      ['5', 'pending', 'add', null, null, t0.toISOString()],
      ['6', 'done', 'verify', 'ticket-a', null, t0.toISOString()],
    ]);
  });

  it('claims the rows still as read, and leaves a row coalesced, moved to another step or claimed by another session meanwhile', async () => {
    const repo = db().getRepository(OutboxEntity);
    await repo.insert([
      row('1', 'upsert', 'pending', null),
      row('2', 'upsert', 'pending', null),
      row('3', 'verify', 'pending', null),
      row('4', 'upsert', 'pending', null),
    ]);
    const read = await outbox.due(t1, 50);
    expect(read.map((r) => r.b24Id)).toEqual(['1', '2', '3', '4']);

    // Between the read and the claim: a newer Bitrix24 change coalesces into row 2 (its key is the change's hash),
    // row 3 moves to another step, and another session takes row 4.
    await repo.update({ b24Id: '2' }, { idempotencyKey: 'contact:2:hash-2', payloadJson: '{"v":2}' });
    await repo.update({ b24Id: '3' }, { operation: 'upsert' });
    await repo.update({ b24Id: '4' }, { status: 'in_flight', ticketHash: 'ticket-b' });

    const claimed = await outbox.claim(read, 'ticket-a', t1);
    expect([...claimed]).toEqual([read[0]?.id]);

    const rows = (await repo.find({ order: { id: 'ASC' } })).map((r) => [r.b24Id, r.status, r.ticketHash, r.updatedAt.toISOString()]);
    expect(rows).toEqual([
      ['1', 'in_flight', 'ticket-a', t1.toISOString()],
      ['2', 'pending', null, t0.toISOString()],
      ['3', 'pending', null, t0.toISOString()],
      ['4', 'in_flight', 'ticket-b', t0.toISOString()],
    ]);
    // A second claim of the same rows takes nothing: no row is ever handed to two sessions.
    expect((await outbox.claim(read, 'ticket-c', t1)).size).toBe(0);
  });
});
