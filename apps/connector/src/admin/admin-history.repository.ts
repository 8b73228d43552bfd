import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { IdMappingEntity } from '../mapping/id-mapping.entity.js';
import { SyncLogEntity } from '../sync/sync-log.entity.js';
import { SyncRunEntity } from '../sync/sync-run.entity.js';
import { SyncWatermarkEntity } from '../sync/sync-watermark.entity.js';
import type { RecordKey } from './admin-outbox.repository.js';

export interface AdminLogInput {
  readonly action: string;
  readonly qbEntity?: string | null;
  readonly qbId?: string | null;
  readonly b24Entity?: string | null;
  readonly b24Id?: string | null;
  readonly detail?: string | null;
}

/** Mappings, runs, watermarks and the sync log, as the admin API reads them; the admin audit trail is written here. */
@Injectable()
export class AdminHistoryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** One `sync_log` row with direction 'admin': every operator action is part of the record's history. */
  async appendAdminLog(input: AdminLogInput, at: Date, tx: EntityManager): Promise<void> {
    await tx.getRepository(SyncLogEntity).insert({
      direction: 'admin',
      action: input.action,
      qbEntity: input.qbEntity ?? null,
      qbId: input.qbId ?? null,
      b24Entity: input.b24Entity ?? null,
      b24Id: input.b24Id ?? null,
      detail: input.detail ?? null,
      at,
    });
  }

  findMappings(filter: { qbEntity?: string; b24Entity?: string }, limit: number, offset: number): Promise<[IdMappingEntity[], number]> {
    const where = {
      ...(filter.qbEntity !== undefined ? { qbEntity: filter.qbEntity } : {}),
      ...(filter.b24Entity !== undefined ? { b24Entity: filter.b24Entity } : {}),
    };
    return this.db.getRepository(IdMappingEntity).findAndCount({ where, order: { id: 'ASC' }, take: limit, skip: offset });
  }

  recentRuns(limit: number): Promise<SyncRunEntity[]> {
    return this.db.getRepository(SyncRunEntity).find({ order: { startedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  watermarks(tx?: EntityManager): Promise<SyncWatermarkEntity[]> {
    return (tx ?? this.db.manager).getRepository(SyncWatermarkEntity).find({ order: { key: 'ASC' } });
  }

  /** Deletes the given watermark rows and returns the keys that existed. */
  async deleteWatermarks(keys: readonly string[], tx: EntityManager): Promise<string[]> {
    const repo = tx.getRepository(SyncWatermarkEntity);
    const existing = await repo.findBy({ key: In([...keys]) });
    if (existing.length > 0) await repo.delete({ key: In(existing.map((w) => w.key)) });
    return existing.map((w) => w.key).sort();
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
}
