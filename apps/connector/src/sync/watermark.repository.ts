import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { SyncWatermarkEntity } from './sync-watermark.entity.js';

/** Per-entity change-capture positions (`qb:customer`, `b24:contact`, …). */
@Injectable()
export class WatermarkRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  get(key: string): Promise<SyncWatermarkEntity | null> {
    return this.db.getRepository(SyncWatermarkEntity).findOneBy({ key });
  }

  /** Moves a watermark forward (never back) once everything up to it has been applied. */
  async advance(
    key: string,
    changes: { modifiedSince?: Date | null; deletedSince?: Date | null; recordsSeen?: number },
    now: Date,
    tx?: EntityManager,
  ): Promise<void> {
    const repo = (tx ?? this.db.manager).getRepository(SyncWatermarkEntity);
    const current = await repo.findOneBy({ key });
    const later = (a: Date | null | undefined, b: Date | null | undefined): Date | null => {
      if (!a) return b ?? null;
      if (!b) return a;
      return a.getTime() >= b.getTime() ? a : b;
    };
    const next: SyncWatermarkEntity = {
      key,
      modifiedSince: changes.modifiedSince !== undefined ? later(current?.modifiedSince, changes.modifiedSince) : (current?.modifiedSince ?? null),
      deletedSince: changes.deletedSince !== undefined ? later(current?.deletedSince, changes.deletedSince) : (current?.deletedSince ?? null),
      recordsSeen: (current?.recordsSeen ?? 0) + (changes.recordsSeen ?? 0),
      updatedAt: now,
    };
    await repo.save(next);
  }

  /** Deletes the given watermark rows and returns the keys that existed, sorted. */
  async delete(keys: readonly string[], tx: EntityManager): Promise<string[]> {
    const repo = tx.getRepository(SyncWatermarkEntity);
    const existing = await repo.findBy({ key: In([...keys]) });
    if (existing.length > 0) await repo.delete({ key: In(existing.map((w) => w.key)) });
    return existing.map((w) => w.key).sort();
  }
}
