import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StoredErrorCode } from '@qb-b24/sync-core';
import { DataSource, type EntityManager } from 'typeorm';
import { RawSql } from '../database/raw-sql.js';
import { addStats, emptyStats, type ApplyStats } from './qb-entity.js';
import { FINISH_RUN, INSERT_ERROR, INSERT_RUN, insertLogSql, logRowsJson, runStatsSql, SET_RUN_STATS } from './sync-log.sql.js';

export interface LogInput {
  readonly direction: 'qb->b24' | 'b24->qb' | 'admin';
  readonly action: string;
  readonly qbEntity?: string | null;
  readonly qbId?: string | null;
  readonly b24Entity?: string | null;
  readonly b24Id?: string | null;
  readonly detail?: string | null;
}

export interface ErrorInput {
  readonly runId?: number | null;
  readonly source: string;
  readonly entity?: string | null;
  readonly recordId?: string | null;
  /** Only codes the dashboard can explain (StoredErrorCode); a new code is added there first. */
  readonly code: StoredErrorCode;
  readonly message: string;
}

/** Adds per-entity counts to a run's stored counts; unreadable stored JSON counts as none. Pure. */
export function mergeRunStats(storedJson: string | undefined, more: Readonly<Record<string, ApplyStats>>): Record<string, ApplyStats> {
  const out: Record<string, ApplyStats> = {};
  let stored: unknown = {};
  try {
    stored = JSON.parse(storedJson ?? '{}');
  } catch {
    stored = {};
  }
  if (typeof stored === 'object' && stored !== null) {
    for (const [entity, s] of Object.entries(stored)) if (typeof s === 'object' && s !== null) out[entity] = addStats(emptyStats(), { ...emptyStats(), ...s });
  }
  for (const [entity, s] of Object.entries(more)) out[entity] = addStats(out[entity] ?? emptyStats(), s);
  return out;
}

/** A run row's stored counts (undefined when the row has none: mergeRunStats then starts from nothing). */
const storedStats = (row: Record<string, unknown> | null): string | undefined => (typeof row?.['statsJson'] === 'string' ? row['statsJson'] : undefined);

/**
 * Runs, operator-facing errors and the per-record sync log, written with fixed SQL prepared once (database/raw-sql.ts,
 * sync-log.sql.ts): the worker writes the log and errors for every page, and each Web Connector session starts and
 * ends a run, on the event loop the Web Connector calls share (issue 14). The runs list reads them through TypeORM.
 */
@Injectable()
export class SyncJournalRepository {
  private readonly sql: RawSql;
  private readonly insertLog: string;
  private readonly runStats: string;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sql = new RawSql(db);
    const type = db.options.type === 'postgres' ? 'postgres' : 'sqlite';
    this.insertLog = insertLogSql(type);
    this.runStats = runStatsSql(type);
  }

  async startRun(trigger: string, ticketPrefix: string | null, now: Date): Promise<number> {
    const row = await this.sql.one(INSERT_RUN, [trigger, ticketPrefix, now.getTime()]);
    return Number(row?.['id']);
  }

  /**
   * Ends a run. Its per-entity counts are merged into what is stored, because the Bitrix24 worker adds the counts of
   * the pages it applies (addRunStats) before, during and after the session's end.
   */
  async finishRun(id: number, status: string, stats: Readonly<Record<string, ApplyStats>>, error: string | null, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const stored = await this.sql.one(this.runStats, [id], tx);
      const merged = JSON.stringify(mergeRunStats(storedStats(stored), stats));
      await this.sql.run(FINISH_RUN, [status, merged, error, now.getTime(), id], tx);
    });
  }

  /** Adds what one applied page did to its run's per-entity counts (runs list, dashboard, demo). */
  async addRunStats(id: number, entity: string, stats: ApplyStats): Promise<void> {
    await this.db.transaction(async (tx) => {
      const stored = await this.sql.one(this.runStats, [id], tx);
      if (!stored) return;
      await this.sql.run(SET_RUN_STATS, [JSON.stringify(mergeRunStats(storedStats(stored), { [entity]: stats })), id], tx);
    });
  }

  async error(e: ErrorInput, now: Date): Promise<void> {
    await this.sql.run(INSERT_ERROR, [e.runId ?? null, e.source, e.entity ?? null, e.recordId ?? null, e.code, e.message, now.getTime()]);
  }

  /** Logs what happened to each record, in one insert (the caller's transaction when given). */
  async log(entries: readonly LogInput[], now: Date, tx?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      direction: e.direction,
      action: e.action,
      qbEntity: e.qbEntity ?? null,
      qbId: e.qbId ?? null,
      b24Entity: e.b24Entity ?? null,
      b24Id: e.b24Id ?? null,
      detail: e.detail ?? null,
    }));
    await this.sql.run(this.insertLog, [now.getTime(), logRowsJson(rows)], tx);
  }
}
