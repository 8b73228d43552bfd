import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { dateFrom, nullableDateFrom, nullableString, RawSql, type SqlRow } from '../database/raw-sql.js';
import { STAGED_PAGE_KINDS, STAGED_PAGE_STATUSES, StagedPageEntity, type StagedPageKind } from './staged-page.entity.js';

const COLUMNS = [
  'pageKey',
  'runId',
  'entity',
  'kind',
  'firstRun',
  'payloadJson',
  'recordCount',
  'status',
  'attempts',
  'lastError',
  'createdAt',
  'lastAttemptAt',
];
const INSERT = `INSERT INTO "staged_page" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
const NEXT = `SELECT "id", ${COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "staged_page" WHERE "status" = 'pending' ORDER BY "id" ASC LIMIT 1`;
const ANY_PENDING = `SELECT 1 AS "one" FROM "staged_page" WHERE "status" = 'pending' LIMIT 1`;

function oneOf<T extends string>(values: readonly T[], value: unknown, what: string): T {
  const found = values.find((v) => v === value);
  if (!found) throw new Error(`staged_page holds an unknown ${what} ${JSON.stringify(value)}`);
  return found;
}

function fromRow(r: SqlRow): StagedPageEntity {
  return {
    id: Number(r['id']),
    pageKey: String(r['pageKey']),
    runId: Number(r['runId']),
    entity: String(r['entity']),
    kind: oneOf(STAGED_PAGE_KINDS, r['kind'], 'kind'),
    // SQLite stores booleans as 0/1, PostgreSQL as boolean.
    firstRun: r['firstRun'] === true || r['firstRun'] === 1,
    payloadJson: String(r['payloadJson']),
    recordCount: Number(r['recordCount']),
    status: oneOf(STAGED_PAGE_STATUSES, r['status'], 'status'),
    attempts: Number(r['attempts']),
    lastError: nullableString(r['lastError']),
    createdAt: dateFrom(r['createdAt']),
    lastAttemptAt: nullableDateFrom(r['lastAttemptAt']),
  };
}

export interface NewStagedPage {
  readonly pageKey: string;
  readonly runId: number;
  readonly entity: string;
  readonly kind: StagedPageKind;
  readonly firstRun: boolean;
  readonly payload: unknown;
  readonly recordCount: number;
}

export interface StagedBacklog {
  readonly pages: number;
  readonly records: number;
  readonly deadPages: number;
  readonly oldestAt: Date | null;
}

/**
 * The staged QuickBooks pages waiting for Bitrix24 (owned by SyncModule). Staging a page (every receiveResponseXML
 * of a read) and the worker's "what is next" run on the Web Connector's event loop, so they are fixed SQL prepared
 * once (database/raw-sql.ts).
 */
@Injectable()
export class StagedPageRepository {
  private readonly sql: RawSql;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sql = new RawSql(db);
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(StagedPageEntity);
  }

  /** Stores a page; enlisted in the caller's transaction so plan, watermark and page move together. */
  async stage(page: NewStagedPage, now: Date, tx?: EntityManager): Promise<void> {
    await this.sql.run(
      INSERT,
      [
        page.pageKey,
        page.runId,
        page.entity,
        page.kind,
        page.firstRun,
        JSON.stringify(page.payload),
        page.recordCount,
        'pending',
        0,
        null,
        now.getTime(),
        null,
      ],
      tx,
    );
  }

  /** Stages a page unless one with its key exists already (a retried write that stages the same answer). */
  async stageOnce(page: NewStagedPage, now: Date): Promise<void> {
    if (await this.repo().existsBy({ pageKey: page.pageKey })) return;
    await this.stage(page, now);
  }

  /** The oldest page still waiting: pages are applied in the order QuickBooks answered them (dependencies first). */
  async next(): Promise<StagedPageEntity | null> {
    const row = await this.sql.one(NEXT, []);
    return row ? fromRow(row) : null;
  }

  /** The waiting pages in the order the worker applies them, at most `max` (the dry run reads them, changes nothing). */
  pending(max: number): Promise<StagedPageEntity[]> {
    return this.repo().find({ where: { status: 'pending' }, order: { id: 'ASC' }, take: max });
  }

  /** Bitrix24 has the page: it is removed, so the table holds only what still waits. */
  async applied(id: number): Promise<void> {
    await this.repo().delete({ id });
  }

  async failed(id: number, attempts: number, error: string, dead: boolean, now: Date): Promise<void> {
    await this.repo().update({ id }, { attempts, lastError: error.slice(0, 2000), lastAttemptAt: now, ...(dead ? { status: 'dead' as const } : {}) });
  }

  async backlog(): Promise<StagedBacklog> {
    const rows = await this.repo()
      .createQueryBuilder('p')
      .select('p.status', 'status')
      .addSelect('COUNT(*)', 'pages')
      .addSelect('COALESCE(SUM(p.recordCount), 0)', 'records')
      .addSelect('MIN(p.createdAt)', 'oldest')
      .groupBy('p.status')
      .getRawMany<{ status: string; pages: string | number; records: string | number; oldest: string | number | null }>();
    const pending = rows.find((r) => r.status === 'pending');
    const dead = rows.find((r) => r.status === 'dead');
    return {
      pages: Number(pending?.pages ?? 0),
      records: Number(pending?.records ?? 0),
      deadPages: Number(dead?.pages ?? 0),
      oldestAt: pending?.oldest !== undefined && pending.oldest !== null ? new Date(Number(pending.oldest)) : null,
    };
  }

  async isEmpty(): Promise<boolean> {
    return (await this.sql.one(ANY_PENDING, [])) === null;
  }
}
