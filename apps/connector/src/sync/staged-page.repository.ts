import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { StagedPageEntity, type StagedPageKind } from './staged-page.entity.js';

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

/** The staged QuickBooks pages waiting for Bitrix24 (owned by SyncModule). */
@Injectable()
export class StagedPageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(StagedPageEntity);
  }

  /** Stores a page; enlisted in the caller's transaction so plan, watermark and page move together. */
  async stage(page: NewStagedPage, now: Date, tx?: EntityManager): Promise<void> {
    await this.repo(tx).insert({
      pageKey: page.pageKey,
      runId: page.runId,
      entity: page.entity,
      kind: page.kind,
      firstRun: page.firstRun,
      payloadJson: JSON.stringify(page.payload),
      recordCount: page.recordCount,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdAt: now,
      lastAttemptAt: null,
    });
  }

  /** Stages a page unless one with its key exists already (a retried write that stages the same answer). */
  async stageOnce(page: NewStagedPage, now: Date): Promise<void> {
    if (await this.repo().existsBy({ pageKey: page.pageKey })) return;
    await this.stage(page, now);
  }

  /** The oldest page still waiting: pages are applied in the order QuickBooks answered them (dependencies first). */
  next(): Promise<StagedPageEntity | null> {
    return this.repo().findOne({ where: { status: 'pending' }, order: { id: 'ASC' } });
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
    return !(await this.repo().existsBy({ status: 'pending' }));
  }
}
