import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { IdMappingEntity } from '../mapping/id-mapping.entity.js';
import { QbwcSessionEntity } from '../qbwc/qbwc-session.entity.js';
import { OutboxEntity, type OutboxStatus } from '../sync/outbox.entity.js';
import { SyncErrorEntity } from '../sync/sync-error.entity.js';
import { SyncRunEntity } from '../sync/sync-run.entity.js';
import { SyncWatermarkEntity } from '../sync/sync-watermark.entity.js';

/** Read-only queries behind /health and /status. */
@Injectable()
export class StatusRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }

  countOpenSessions(): Promise<number> {
    return this.db.getRepository(QbwcSessionEntity).countBy({ state: 'open' });
  }

  lastSession(): Promise<QbwcSessionEntity | null> {
    return this.db
      .getRepository(QbwcSessionEntity)
      .find({ order: { lastSeenAt: 'DESC' }, take: 1 })
      .then((r) => r[0] ?? null);
  }

  countMappings(): Promise<number> {
    return this.db.getRepository(IdMappingEntity).count();
  }

  countRunsSince(since: Date): Promise<number> {
    return this.db.getRepository(SyncRunEntity).countBy({ startedAt: MoreThan(since) });
  }

  async outboxCounts(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.db
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.status')
      .getRawMany<{ status: OutboxStatus; n: string | number }>();
    const counts: Record<OutboxStatus, number> = { pending: 0, in_flight: 0, done: 0, dead: 0, conflict: 0, superseded: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  watermarks(): Promise<SyncWatermarkEntity[]> {
    return this.db.getRepository(SyncWatermarkEntity).find({ order: { key: 'ASC' } });
  }

  lastErrors(limit: number): Promise<SyncErrorEntity[]> {
    return this.db.getRepository(SyncErrorEntity).find({ order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
