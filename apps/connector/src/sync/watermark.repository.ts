import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { dateFrom, nullableDateFrom, RawSql, type SqlRow } from '../database/raw-sql.js';
import { SyncWatermarkEntity } from './sync-watermark.entity.js';

const GET = 'SELECT "key", "modifiedSince", "deletedSince", "recordsSeen", "updatedAt" FROM "sync_watermark" WHERE "key" = ?';
const SAVE =
  'INSERT INTO "sync_watermark" ("key", "modifiedSince", "deletedSince", "recordsSeen", "updatedAt") VALUES (?, ?, ?, ?, ?) ' +
  'ON CONFLICT ("key") DO UPDATE SET "modifiedSince" = excluded."modifiedSince", "deletedSince" = excluded."deletedSince", ' +
  '"recordsSeen" = excluded."recordsSeen", "updatedAt" = excluded."updatedAt"';

function fromRow(r: SqlRow): SyncWatermarkEntity {
  return {
    key: String(r['key']),
    modifiedSince: nullableDateFrom(r['modifiedSince']),
    deletedSince: nullableDateFrom(r['deletedSince']),
    recordsSeen: Number(r['recordsSeen']),
    updatedAt: dateFrom(r['updatedAt']),
  };
}

/**
 * Per-entity change-capture positions (`qb:customer`, `b24:contact`, …). Read when a session starts and advanced
 * with every staged page, so those two are fixed SQL prepared once (database/raw-sql.ts).
 */
@Injectable()
export class WatermarkRepository {
  private readonly sql: RawSql;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = new RawSql(db);
  }

  async get(key: string, tx?: EntityManager): Promise<SyncWatermarkEntity | null> {
    const row = await this.sql.one(GET, [key], tx);
    return row ? fromRow(row) : null;
  }

  /** Moves a watermark forward (never back) once everything up to it has been applied. */
  async advance(
    key: string,
    changes: { modifiedSince?: Date | null; deletedSince?: Date | null; recordsSeen?: number },
    now: Date,
    tx?: EntityManager,
  ): Promise<void> {
    const current = await this.get(key, tx);
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
    await this.sql.run(SAVE, [key, next.modifiedSince?.getTime() ?? null, next.deletedSince?.getTime() ?? null, next.recordsSeen, now.getTime()], tx);
  }

  /** Deletes the given watermark rows and returns the keys that existed, sorted. */
  async delete(keys: readonly string[], tx: EntityManager): Promise<string[]> {
    const repo = tx.getRepository(SyncWatermarkEntity);
    const existing = await repo.findBy({ key: In([...keys]) });
    if (existing.length > 0) await repo.delete({ key: In(existing.map((w) => w.key)) });
    return existing.map((w) => w.key).sort();
  }
}
