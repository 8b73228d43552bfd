import { beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseBaseUrl } from '../../../../../test/support/test-database.js';
import { useTestDatabase, Rollback } from '../../database/__tests__/open-test-database.js';
import { SyncErrorEntity } from '../sync-error.entity.js';
import { type LogInput, SyncJournalRepository } from '../sync-journal.repository.js';
import { SyncLogEntity } from '../sync-log.entity.js';
import { SyncRunEntity } from '../sync-run.entity.js';
import { emptyStats } from '../qb-entity.js';

// The worker writes the per-record log and errors with fixed SQL (database/raw-sql.ts); a record's history and the
// dashboard read them through TypeORM, on SQLite and on PostgreSQL (test/pg/with-postgres.sh).

const at = new Date('2026-12-07T11:22:33.444Z');

describe('the sync journal written by the Bitrix24 worker', () => {
  const db = useTestDatabase();
  let journal: SyncJournalRepository;
  beforeEach(() => {
    journal = new SyncJournalRepository(db());
  });

  it('a page of log entries reads back in order, absent fields as null, text kept as sent', async () => {
    const entries: LogInput[] = Array.from({ length: 250 }, (_, i) => ({
      direction: 'qb->b24',
      action: i % 2 === 0 ? 'created' : 'updated',
      qbEntity: 'customer',
      qbId: `80-${i}`,
      b24Entity: 'contact',
      b24Id: String(i),
    }));
    entries.push({ direction: 'admin', action: 'relinked', detail: 'Ünïcode "quotes", \\ and \'apostrophes\'' });
    await journal.log(entries, at);

    const rows = await db()
      .getRepository(SyncLogEntity)
      .find({ order: { id: 'ASC' } });
    expect(rows).toHaveLength(251);
    expect(rows.map((r) => r.qbId).slice(0, 3)).toEqual(['80-0', '80-1', '80-2']);
    expect({ ...rows[1], id: 0 }).toEqual({
      id: 0,
      direction: 'qb->b24',
      action: 'updated',
      qbEntity: 'customer',
      qbId: '80-1',
      b24Entity: 'contact',
      b24Id: '1',
      detail: null,
      at,
    });
    expect(rows[250]).toMatchObject({ qbEntity: null, qbId: null, b24Entity: null, b24Id: null, detail: 'Ünïcode "quotes", \\ and \'apostrophes\'' });
  });

  it('a detail cut in the middle of a character is stored with a replacement character, not refused', async () => {
    await journal.log([{ direction: 'b24->qb', action: 'updated', detail: 'Name: Caf\u00e9 \ud83d' }], at);
    expect((await db().getRepository(SyncLogEntity).findOneByOrFail({ action: 'updated' })).detail).toBe('Name: Caf\u00e9 \ufffd');
  });

  it('log entries written in a transaction that fails are not kept', async () => {
    await expect(
      db().transaction(async (tx) => {
        await journal.log([{ direction: 'b24->qb', action: 'updated', qbEntity: 'item', qbId: '90-1' }], at, tx);
        throw new Rollback('QuickBooks refused the Mod');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await db().getRepository(SyncLogEntity).count()).toBe(0);
  });

  it('an error is stored with its record for the dashboard', async () => {
    await journal.error({ runId: 4, source: 'bitrix24', entity: 'invoice', recordId: 'T-1', code: 'APPLY_FAILED', message: 'Deal not found' }, at);
    await journal.error({ source: 'qbwc', code: 'APPLY_FAILED', message: 'again' }, at);

    const rows = await db()
      .getRepository(SyncErrorEntity)
      .find({ order: { id: 'ASC' } });
    expect(rows.map((r) => ({ ...r, id: 0 }))).toEqual([
      { id: 0, runId: 4, source: 'bitrix24', entity: 'invoice', recordId: 'T-1', code: 'APPLY_FAILED', message: 'Deal not found', createdAt: at },
      { id: 0, runId: null, source: 'qbwc', entity: null, recordId: null, code: 'APPLY_FAILED', message: 'again', createdAt: at },
    ]);
  });

  it('a run started, given page counts before and after its end, and ended reads back with every count added up', async () => {
    const id = await journal.startRun('qbwc', '0123abcd', at);
    const second = await journal.startRun('admin', null, at);
    expect(second).toBeGreaterThan(id);
    const page = { ...emptyStats(), created: 2, updated: 1 };
    await journal.addRunStats(id, 'customer', page);
    const ended = new Date(at.getTime() + 61_000);
    await journal.finishRun(id, 'completed', { invoice: { ...page, created: 5 } }, null, ended);
    // A page the worker applies after the session ended still counts.
    await journal.addRunStats(id, 'customer', page);
    await journal.addRunStats(999_999, 'customer', page);

    const run = await db().getRepository(SyncRunEntity).findOneByOrFail({ id });
    expect({ ...run, statsJson: JSON.parse(run.statsJson) as unknown }).toEqual({
      id,
      trigger: 'qbwc',
      ticketPrefix: '0123abcd',
      status: 'completed',
      statsJson: { customer: { ...page, created: 4, updated: 2 }, invoice: { ...page, created: 5 } },
      error: null,
      startedAt: at,
      finishedAt: ended,
    });
    expect(await db().getRepository(SyncRunEntity).findOneByOrFail({ id: second })).toMatchObject({ status: 'running', statsJson: '{}', finishedAt: null });
    expect(await db().getRepository(SyncRunEntity).count()).toBe(2);
  });

  // PostgreSQL only: there two processes (here two pooled connections) add counts to one run at once; SQLite has one
  // writer at a time.
  it.skipIf(testDatabaseBaseUrl() === undefined)('page counts added to one run at the same moment all count', async () => {
    const id = await journal.startRun('qbwc', null, at);
    const page = { ...emptyStats(), created: 1 };
    await Promise.all(Array.from({ length: 10 }, () => journal.addRunStats(id, 'customer', page)));
    const run = await db().getRepository(SyncRunEntity).findOneByOrFail({ id });
    expect((JSON.parse(run.statsJson) as Record<string, { created: number }>)['customer']?.created).toBe(10);
  });
});
