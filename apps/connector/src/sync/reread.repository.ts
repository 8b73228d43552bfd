import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { RereadEntity } from './reread.entity.js';

/** The queue of QuickBooks records to read again by id (owned by SyncModule). */
@Injectable()
export class RereadRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(RereadEntity);
  }

  /** Queues ids (each at most once), in the caller's transaction. */
  async queue(tx: EntityManager, entity: string, qbIds: readonly string[], now: Date): Promise<void> {
    const fresh = [...new Set(qbIds)];
    if (fresh.length === 0) return;
    const queued = new Set((await this.repo(tx).findBy({ entity, qbId: In(fresh) })).map((r) => r.qbId));
    const rows = fresh.filter((id) => !queued.has(id)).map((qbId) => ({ entity, qbId, queuedAt: now }));
    // Chunked: SQLite caps the parameters of one statement.
    for (let i = 0; i < rows.length; i += 200) await this.repo(tx).insert(rows.slice(i, i + 200));
  }

  /** The oldest queued ids of an entity, at most `max`. */
  async next(entity: string, max: number, tx?: EntityManager): Promise<string[]> {
    return (await this.repo(tx).find({ where: { entity }, order: { id: 'ASC' }, take: max })).map((r) => r.qbId);
  }

  /** Their re-read is staged: removed in that transaction. */
  async done(tx: EntityManager, entity: string, qbIds: readonly string[]): Promise<void> {
    if (qbIds.length > 0) await this.repo(tx).delete({ entity, qbId: In([...qbIds]) });
  }
}
