import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../database/__tests__/open-test-database.js';
import { OutboxEntity, type OutboxStatus } from '../outbox.entity.js';
import { OutboxRepository } from '../outbox.repository.js';

// A session claims the due rows it built requests from with one fixed statement per row, on SQLite and on PostgreSQL
// (test/pg/with-postgres.sh): a row that changed after it was read is not claimed, so its older values never go out.

const t0 = new Date('2026-12-07T06:00:00.000Z');
const t1 = new Date('2026-12-07T06:30:00.000Z');

describe('claiming due outbox rows for a session', () => {
  let ds: DataSource;
  let outbox: OutboxRepository;
  beforeEach(async () => {
    ds = await openTestDatabase();
    outbox = new OutboxRepository(ds);
  });
  afterEach(async () => {
    await ds.destroy();
  });

  const row = (b24Id: string, status: OutboxStatus, operation = 'upsert'): Partial<OutboxEntity> => ({
    idempotencyKey: `contact:${b24Id}:hash-1`,
    b24Entity: 'contact',
    b24Id,
    qbEntity: 'customer',
    qbId: null,
    operation,
    payloadJson: '{"v":1}',
    status,
    attempts: 0,
    notBefore: t0,
    ticketHash: null,
    lastError: null,
    lastErrorCode: null,
    createdAt: t0,
    updatedAt: t0,
  });

  it('claims the rows still as read, and leaves a row coalesced, moved to another step or claimed by another session meanwhile', async () => {
    const repo = ds.getRepository(OutboxEntity);
    await repo.insert([row('1', 'pending'), row('2', 'pending'), row('3', 'pending', 'verify'), row('4', 'pending')]);
    const read = await outbox.due(t1, 50);
    expect(read.map((r) => r.b24Id)).toEqual(['1', '2', '3', '4']);

    // Between the read and the claim: a newer Bitrix24 change coalesces into row 2 (its key is the change's hash),
    // row 3 moves to another step, and another session takes row 4.
    await repo.update({ b24Id: '2' }, { idempotencyKey: 'contact:2:hash-2', payloadJson: '{"v":2}' });
    await repo.update({ b24Id: '3' }, { operation: 'upsert' });
    await repo.update({ b24Id: '4' }, { status: 'in_flight', ticketHash: 'ticket-b' });

    const claimed = await outbox.claim(read, 'ticket-a', t1);
    expect([...claimed].sort()).toEqual([read[0]?.id]);

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
