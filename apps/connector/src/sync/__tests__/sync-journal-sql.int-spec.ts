import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, Rollback } from '../../database/__tests__/open-test-database.js';
import { SyncErrorEntity } from '../sync-error.entity.js';
import { type LogInput, SyncJournalRepository } from '../sync-journal.repository.js';
import { SyncLogEntity } from '../sync-log.entity.js';

// The worker writes the per-record log and errors with fixed SQL (database/raw-sql.ts); a record's history and the
// dashboard read them through TypeORM, on SQLite and on PostgreSQL (test/pg/with-postgres.sh).

const at = new Date('2026-12-07T11:22:33.444Z');

describe('the sync journal written by the Bitrix24 worker', () => {
  let ds: DataSource;
  let journal: SyncJournalRepository;
  beforeEach(async () => {
    ds = await openTestDatabase();
    journal = new SyncJournalRepository(ds);
  });
  afterEach(async () => {
    await ds.destroy();
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

    const rows = await ds.getRepository(SyncLogEntity).find({ order: { id: 'ASC' } });
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
    expect((await ds.getRepository(SyncLogEntity).findOneByOrFail({ action: 'updated' })).detail).toBe('Name: Caf\u00e9 \ufffd');
  });

  it('log entries written in a transaction that fails are not kept', async () => {
    await expect(
      ds.transaction(async (tx) => {
        await journal.log([{ direction: 'b24->qb', action: 'updated', qbEntity: 'item', qbId: '90-1' }], at, tx);
        throw new Rollback('QuickBooks refused the Mod');
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await ds.getRepository(SyncLogEntity).count()).toBe(0);
  });

  it('an error is stored with its record for the dashboard', async () => {
    await journal.error({ runId: 4, source: 'bitrix24', entity: 'invoice', recordId: 'T-1', code: 'APPLY_FAILED', message: 'Deal not found' }, at);
    await journal.error({ source: 'qbwc', code: 'APPLY_FAILED', message: 'again' }, at);

    const rows = await ds.getRepository(SyncErrorEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => ({ ...r, id: 0 }))).toEqual([
      { id: 0, runId: 4, source: 'bitrix24', entity: 'invoice', recordId: 'T-1', code: 'APPLY_FAILED', message: 'Deal not found', createdAt: at },
      { id: 0, runId: null, source: 'qbwc', entity: null, recordId: null, code: 'APPLY_FAILED', message: 'again', createdAt: at },
    ]);
  });
});
