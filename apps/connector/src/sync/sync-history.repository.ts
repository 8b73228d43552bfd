import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, MoreThan } from 'typeorm';
import type { RecordKey } from './outbox.type.js';
import { SyncErrorEntity } from './sync-error.entity.js';
import type { SyncErrorCount, SyncedCount, SyncRunCount } from './sync-history.type.js';
import { SyncLogEntity } from './sync-log.entity.js';
import { SyncRunEntity } from './sync-run.entity.js';
import { SyncWatermarkEntity } from './sync-watermark.entity.js';

/** Read-only queries over runs, errors, watermarks and the sync log, for operators. */
@Injectable()
export class SyncHistoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  recentRuns(limit: number): Promise<SyncRunEntity[]> {
    return this.db.getRepository(SyncRunEntity).find({ order: { startedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  countRunsSince(since: Date): Promise<number> {
    return this.db.getRepository(SyncRunEntity).countBy({ startedAt: MoreThan(since) });
  }

  watermarks(): Promise<SyncWatermarkEntity[]> {
    return this.db.getRepository(SyncWatermarkEntity).find({ order: { key: 'ASC' } });
  }

  lastErrors(limit: number): Promise<SyncErrorEntity[]> {
    return this.db.getRepository(SyncErrorEntity).find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Sync log rows about any of the given QuickBooks or Bitrix24 records, newest first. */
  async logsForRecords(qb: readonly RecordKey[], b24: readonly RecordKey[]): Promise<SyncLogEntity[]> {
    if (qb.length === 0 && b24.length === 0) return [];
    return this.db
      .getRepository(SyncLogEntity)
      .createQueryBuilder('l')
      .where(
        new Brackets((w) => {
          w.where('1 = 0');
          qb.forEach((k, i) => w.orWhere(`(l.qbEntity = :qe${i} AND l.qbId = :qi${i})`, { [`qe${i}`]: k.entity, [`qi${i}`]: k.id }));
          b24.forEach((k, i) => w.orWhere(`(l.b24Entity = :be${i} AND l.b24Id = :bi${i})`, { [`be${i}`]: k.entity, [`bi${i}`]: k.id }));
        }),
      )
      .orderBy('l.at', 'DESC')
      .addOrderBy('l.id', 'DESC')
      .getMany();
  }

  async syncedCounts(): Promise<SyncedCount[]> {
    const rows = await this.db
      .getRepository(SyncLogEntity)
      .createQueryBuilder('l')
      .select('l.direction', 'direction')
      .addSelect('l.qbEntity', 'qbEntity')
      .addSelect('l.b24Entity', 'b24Entity')
      .addSelect('COUNT(*)', 'n')
      .where('l.direction <> :admin', { admin: 'admin' })
      .groupBy('l.direction')
      .addGroupBy('l.qbEntity')
      .addGroupBy('l.b24Entity')
      .getRawMany<{ direction: string; qbEntity: string | null; b24Entity: string | null; n: string | number }>();
    return rows.map((r) => ({ direction: r.direction, qbEntity: r.qbEntity, b24Entity: r.b24Entity, count: Number(r.n) }));
  }

  /**
   * Records synced per hour and direction since `since` (hour = epoch ms / 3 600 000, integer division on SQLite and
   * PostgreSQL alike). Decisions that sent nothing (queued events, unchanged records) are not counted.
   */
  async syncedPerHour(since: Date): Promise<{ hour: number; direction: string; count: number }[]> {
    const rows = await this.db
      .getRepository(SyncLogEntity)
      .createQueryBuilder('l')
      .select('l.at / 3600000', 'hour')
      .addSelect('l.direction', 'direction')
      .addSelect('COUNT(*)', 'n')
      .where('l.at >= :since', { since: since.getTime() })
      .andWhere('l.direction IN (:...dirs)', { dirs: ['qb->b24', 'b24->qb'] })
      .andWhere("l.action NOT LIKE 'queued:%'")
      .andWhere('l.action <> :unchanged', { unchanged: 'unchanged' })
      .groupBy('l.at / 3600000')
      .addGroupBy('l.direction')
      .getRawMany<{ hour: string | number; direction: string; n: string | number }>();
    return rows.map((r) => ({ hour: Number(r.hour), direction: r.direction, count: Number(r.n) }));
  }

  /** Errors recorded per hour since `since`. */
  async errorsPerHour(since: Date): Promise<{ hour: number; count: number }[]> {
    const rows = await this.db
      .getRepository(SyncErrorEntity)
      .createQueryBuilder('e')
      .select('e.createdAt / 3600000', 'hour')
      .addSelect('COUNT(*)', 'n')
      .where('e.createdAt >= :since', { since: since.getTime() })
      .groupBy('e.createdAt / 3600000')
      .getRawMany<{ hour: string | number; n: string | number }>();
    return rows.map((r) => ({ hour: Number(r.hour), count: Number(r.n) }));
  }

  async errorCountsBySource(): Promise<SyncErrorCount[]> {
    const rows = await this.db
      .getRepository(SyncErrorEntity)
      .createQueryBuilder('e')
      .select('e.source', 'source')
      .addSelect('COUNT(*)', 'n')
      .groupBy('e.source')
      .getRawMany<{ source: string; n: string | number }>();
    return rows.map((r) => ({ source: r.source, count: Number(r.n) }));
  }

  async runCounts(): Promise<SyncRunCount[]> {
    const rows = await this.db
      .getRepository(SyncRunEntity)
      .createQueryBuilder('r')
      .select('r.trigger', 'trigger')
      .addSelect('r.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('r.trigger')
      .addGroupBy('r.status')
      .getRawMany<{ trigger: string; status: string; n: string | number }>();
    return rows.map((r) => ({ trigger: r.trigger, status: r.status, count: Number(r.n) }));
  }
}
