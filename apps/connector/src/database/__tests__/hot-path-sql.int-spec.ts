import { describe, expect, it } from 'vitest';
import { newSessionRow } from '../../qbwc/new-session-row.js';
import { QbwcSessionEntity } from '../../qbwc/qbwc-session.entity.js';
import { QbwcSessionRepository } from '../../qbwc/qbwc-session.repository.js';
import { StagedPageEntity } from '../../sync/staged-page.entity.js';
import { StagedPageRepository } from '../../sync/staged-page.repository.js';
import { SyncSessionRepository } from '../../sync/sync-session.repository.js';
import { SyncWatermarkEntity } from '../../sync/sync-watermark.entity.js';
import { WatermarkRepository } from '../../sync/watermark.repository.js';
import { useTestDatabase, Rollback } from './open-test-database.js';

// The Web Connector path reads and writes these tables with fixed SQL (database/raw-sql.ts) while /status, the
// dashboard, the admin API and the worker read them through TypeORM: both must see the same rows, on SQLite and
// (with TEST_DATABASE_URL, test/pg/with-postgres.sh) on PostgreSQL, and a write inside a transaction must go with it.

describe('the statements every Web Connector call runs', () => {
  const db = useTestDatabase();
  it('store a session that /status and the dashboard read back unchanged, timestamps included', async () => {
    const sessions = new QbwcSessionRepository(db());
    const opened = new Date('2026-12-06T16:02:03.456Z');
    const row = newSessionRow('0123abcd-0000-4000-8000-000000000001', 'qbconnector', 'C:\\Books\\Acme.qbw', opened);
    expect(await sessions.open(row)).toBe(true);
    const seen = new Date(opened.getTime() + 61_001);
    await sessions.update(row.ticketHash, { lastHresult: '0x80040400' });
    // An undefined value leaves its column as it is (as TypeORM's update did).
    await sessions.update(row.ticketHash, {
      lastCall: 'receiveResponseXML',
      lastSeenAt: seen,
      rounds: 3,
      progress: 40,
      lastError: 'busy',
      lastHresult: undefined,
    });

    const expected = { ...row, lastCall: 'receiveResponseXML', lastSeenAt: seen, rounds: 3, progress: 40, lastError: 'busy', lastHresult: '0x80040400' };
    expect({ ...(await db().getRepository(QbwcSessionEntity).findOneByOrFail({ ticketHash: row.ticketHash })) }).toEqual(expected);
    expect(await sessions.findByTicketHash(row.ticketHash)).toEqual(expected);
    expect(await sessions.latest()).toMatchObject({ ticketHash: row.ticketHash, lastSeenAt: seen });
  });

  it('find only the open sessions, and only the idle ones among them when asked', async () => {
    const sessions = new QbwcSessionRepository(db());
    const t0 = new Date('2026-12-06T10:00:00.000Z');
    const idle = newSessionRow('aaaaaaaa-0000-4000-8000-000000000001', 'qb', '', t0);
    const recent = newSessionRow('bbbbbbbb-0000-4000-8000-000000000002', 'qb', '', new Date(t0.getTime() + 600_000));
    const closed = newSessionRow('cccccccc-0000-4000-8000-000000000003', 'qb', '', t0);
    // One session is open at a time (its slot), so the closed one opens and closes first; the idle one is a session
    // left open before the slot existed (migration 1764000000022 keeps such sessions open without one).
    expect(await sessions.open(closed)).toBe(true);
    await sessions.update(closed.ticketHash, { state: 'closed', closedAt: t0 });
    const legacy = `INSERT INTO "qbwc_session" ("ticketHash", "ticketPrefix", "username", "state", "companyFile", "rounds", "progress", "createdAt", "lastSeenAt") VALUES ($1, 'aaaaaaaa', 'qb', 'open', '', 0, 0, $2, $3)`;
    await db().query(db().options.type === 'postgres' ? legacy : legacy.replace(/\$\d/g, '?'), [idle.ticketHash, t0.getTime(), t0.getTime()]);
    expect(await sessions.open(recent)).toBe(true);

    expect((await sessions.findOpen()).map((s) => s.ticketPrefix).sort()).toEqual(['aaaaaaaa', 'bbbbbbbb']);
    expect((await sessions.findIdleOpen(new Date(t0.getTime() + 1))).map((s) => s.ticketPrefix)).toEqual(['aaaaaaaa']);
    expect(await sessions.countOpen()).toBe(2);
  });

  it('only one session is open at a time: a second one is not stored until the first is closed or expired', async () => {
    const sessions = new QbwcSessionRepository(db());
    const t0 = new Date('2026-12-07T10:00:00.000Z');
    const first = newSessionRow('dddddddd-0000-4000-8000-000000000004', 'qb', '', t0);
    const second = newSessionRow('eeeeeeee-0000-4000-8000-000000000005', 'qb', '', t0);
    const third = newSessionRow('ffffffff-0000-4000-8000-000000000006', 'qb', '', t0);
    expect(await sessions.open(first)).toBe(true);
    expect(await sessions.open(second)).toBe(false);
    expect(await sessions.findByTicketHash(second.ticketHash)).toBeNull();
    expect((await sessions.findOpen()).map((s) => s.ticketPrefix)).toEqual(['dddddddd']);
    await sessions.update(first.ticketHash, { state: 'closed', closedAt: t0 });
    expect(await sessions.open(second)).toBe(true);
    expect(await sessions.open(third)).toBe(false);
    await sessions.update(second.ticketHash, { state: 'expired', closedAt: t0 });
    expect(await sessions.open(third)).toBe(true);
    // A change that is not of state leaves the slot where it is.
    await sessions.update(third.ticketHash, { lastCall: 'sendRequestXML', rounds: 1 });
    expect(await sessions.open(newSessionRow('abababab-0000-4000-8000-000000000007', 'qb', '', t0))).toBe(false);
  });

  it('keep a session plan across saves, and a save in a transaction that fails leaves the plan before it', async () => {
    const plans = new SyncSessionRepository(db());
    const now = new Date('2026-12-06T12:00:00.000Z');
    await plans.save('h1', { seq: 1, steps: ['read:customer'] }, now);
    await plans.save('h1', { seq: 2, steps: ['read:customer'] }, now);
    await expect(
      db().transaction(async (tx) => {
        await plans.save('h1', { seq: 3, steps: [] }, now, tx);
        throw new Rollback('the page could not be staged');
      }),
    ).rejects.toBeInstanceOf(Rollback);

    expect(await plans.load('h1')).toEqual({ seq: 2, steps: ['read:customer'] });
    await plans.delete('h1');
    expect(await plans.load('h1')).toBeNull();
  });

  it('stage a page the worker and the dry run read back with its fields, and none from a failed transaction', async () => {
    const pages = new StagedPageRepository(db());
    const now = new Date('2026-12-06T12:34:56.789Z');
    expect(await pages.isEmpty()).toBe(true);
    await expect(
      db().transaction(async (tx) => {
        await pages.stage({ pageKey: '1-1', runId: 1, entity: 'customer', kind: 'records', firstRun: true, payload: { rets: [] }, recordCount: 0 }, now, tx);
        throw new Rollback('the plan could not be saved');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await pages.isEmpty()).toBe(true);

    await db().transaction(async (tx) => {
      await pages.stage(
        { pageKey: '1-2', runId: 1, entity: 'customer', kind: 'records', firstRun: true, payload: { rets: [{ ListID: '80-1' }] }, recordCount: 1 },
        now,
        tx,
      );
      await pages.stage({ pageKey: '1-3', runId: 1, entity: 'invoice', kind: 'deleted', firstRun: false, payload: ['T-1'], recordCount: 1 }, now, tx);
    });

    const next = await pages.next();
    expect(next).toEqual({ ...(await db().getRepository(StagedPageEntity).findOneByOrFail({ pageKey: '1-2' })) });
    expect(next).toMatchObject({ entity: 'customer', kind: 'records', firstRun: true, recordCount: 1, status: 'pending', attempts: 0, createdAt: now });
    expect(JSON.parse(next?.payloadJson ?? '')).toEqual({ rets: [{ ListID: '80-1' }] });
    expect(await pages.pending(10)).toMatchObject([{ pageKey: '1-2' }, { pageKey: '1-3', firstRun: false }]);
    expect(await pages.isEmpty()).toBe(false);
  });

  it('move a watermark forward only, in the transaction that stages its page', async () => {
    const marks = new WatermarkRepository(db());
    const now = new Date('2026-12-06T12:00:00.000Z');
    const t1 = new Date('2026-12-06T11:00:00.000Z');
    await db().transaction(async (tx) => marks.advance('qb:customer', { modifiedSince: t1, recordsSeen: 500 }, now, tx));
    await marks.advance('qb:customer', { modifiedSince: new Date(t1.getTime() - 1), recordsSeen: 20 }, now);
    await expect(
      db().transaction(async (tx) => {
        await marks.advance('qb:customer', { modifiedSince: new Date(t1.getTime() + 5), recordsSeen: 1 }, now, tx);
        throw new Rollback('the page could not be staged');
      }),
    ).rejects.toBeInstanceOf(Rollback);

    const expected = { key: 'qb:customer', modifiedSince: t1, deletedSince: null, recordsSeen: 520, updatedAt: now };
    expect(await marks.get('qb:customer')).toEqual(expected);
    expect({ ...(await db().getRepository(SyncWatermarkEntity).findOneByOrFail({ key: 'qb:customer' })) }).toEqual(expected);
  });
});
