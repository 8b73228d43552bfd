import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RawSql, type SqlValue } from '../database/raw-sql.js';
import { IdMappingEntity } from './id-mapping.entity.js';
import {
  BY_B24_ID,
  BY_QB_ID,
  byQbIdsFor,
  CHANGEABLE,
  type Changeable,
  INSERT,
  inIdOrder,
  type InsertRow,
  insertParams,
  mappingFromRow,
  QB_IDS_CHUNK,
  updateSql,
} from './id-mapping.sql.js';
import type { IdMappingChanges, LinkInput, MappedRecord, MappingCount } from './id-mapping.type.js';

/** A link field's value as stored: timestamps are epoch ms in bigint columns (database/epoch-ms.transformer.ts). */
function toColumn(value: string | Date | null | undefined): SqlValue {
  if (value instanceof Date) return value.getTime();
  return value ?? null;
}

/**
 * ID mappings between the two systems; callers may pass an EntityManager to enlist in their transaction. The lookups
 * and writes the Bitrix24 worker runs for every record are fixed SQL prepared once (database/raw-sql.ts, mapping/
 * id-mapping.sql.ts): TypeORM rebuilt each of them on every call on the event loop the Web Connector calls share
 * (issue 14). The admin and report queries stay TypeORM.
 */
@Injectable()
export class IdMappingRepository {
  private readonly sql: RawSql;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sql = new RawSql(db);
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(IdMappingEntity);
  }

  async findByQbIds(qbEntity: string, b24Entity: string, qbIds: readonly string[], tx?: EntityManager): Promise<Map<string, IdMappingEntity>> {
    const out = new Map<string, IdMappingEntity>();
    for (let i = 0; i < qbIds.length; i += QB_IDS_CHUNK) {
      const chunk = qbIds.slice(i, i + QB_IDS_CHUNK);
      const { sql, size } = byQbIdsFor(chunk.length);
      const last = chunk[chunk.length - 1] ?? '';
      const ids = Array.from({ length: size }, (_, k) => chunk[k] ?? last);
      for (const r of await this.sql.all(sql, [qbEntity, b24Entity, ...ids], tx)) {
        const m = mappingFromRow(r);
        out.set(m.qbId, m);
      }
    }
    return out;
  }

  async findByQbId(qbEntity: string, qbId: string, tx?: EntityManager): Promise<IdMappingEntity[]> {
    return inIdOrder((await this.sql.all(BY_QB_ID, [qbEntity, qbId], tx)).map(mappingFromRow));
  }

  async findByB24Id(b24Entity: string, b24Id: string, tx?: EntityManager): Promise<IdMappingEntity[]> {
    return inIdOrder((await this.sql.all(BY_B24_ID, [b24Entity, b24Id], tx)).map(mappingFromRow));
  }

  /**
   * Inserts or updates links by their QuickBooks key; idempotent, so a replayed page changes nothing. An existing
   * link is updated in place (an upsert would spend a PostgreSQL sequence value on every replayed link), and all
   * rows go in one transaction: the caller's, or one of their own.
   */
  async link(rows: readonly LinkInput[], now: Date, tx?: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    const run = async (m: EntityManager): Promise<void> => {
      for (const r of rows) {
        const values: Partial<Record<Changeable, string | Date | null>> = {
          b24Id: r.b24Id,
          qbEditSequence: r.qbEditSequence,
          qbHash: r.qbHash,
          b24Hash: r.b24Hash,
          baseJson: r.baseJson,
          status: r.status ?? 'linked',
          updatedAt: now,
        };
        // Only the fields given: a link that omits a fingerprint keeps the stored one.
        const set = CHANGEABLE.filter((c) => values[c] !== undefined);
        const key = [r.qbEntity, r.qbId, r.b24Entity];
        const update = (): Promise<number> => this.sql.run(updateSql(set, 'qbKey'), [...set.map((c) => toColumn(values[c])), ...key], m);
        if ((await update()) > 0) continue;
        const row: InsertRow = {
          qbEntity: r.qbEntity,
          qbId: r.qbId,
          b24Entity: r.b24Entity,
          b24Id: r.b24Id,
          qbEditSequence: r.qbEditSequence ?? null,
          qbHash: r.qbHash ?? null,
          b24Hash: r.b24Hash ?? null,
          baseJson: r.baseJson ?? null,
          status: r.status ?? 'linked',
          createdAt: now.getTime(),
          updatedAt: now.getTime(),
        };
        // Nothing inserted: a concurrent first link of the same record won (INSERT's ON CONFLICT); this one's fields
        // go over it as a replayed link's would, where the unique constraint used to fail the whole page.
        if ((await this.sql.run(INSERT, insertParams(row), m)) === 0) await update();
      }
    };
    if (tx) await run(tx);
    else await this.db.transaction(run);
  }

  /** Sets the given fields of one link; an undefined value leaves its column alone, as TypeORM's update did. */
  async update(id: number, changes: IdMappingChanges, tx?: EntityManager): Promise<void> {
    const set = CHANGEABLE.filter((c) => changes[c] !== undefined);
    if (set.length === 0) return;
    await this.sql.run(updateSql(set, 'id'), [...set.map((c) => toColumn(changes[c])), id], tx);
  }

  count(): Promise<number> {
    return this.repo().count();
  }

  /** One page of links, optionally for one entity on either side, oldest first, with the total. */
  page(filter: { qbEntity?: string; b24Entity?: string }, limit: number, offset: number): Promise<[IdMappingEntity[], number]> {
    const where = {
      ...(filter.qbEntity !== undefined ? { qbEntity: filter.qbEntity } : {}),
      ...(filter.b24Entity !== undefined ? { b24Entity: filter.b24Entity } : {}),
    };
    return this.repo().findAndCount({ where, order: { id: 'ASC' }, take: limit, skip: offset });
  }

  async countsByEntityPair(): Promise<MappingCount[]> {
    const rows = await this.repo()
      .createQueryBuilder('m')
      .select('m.qbEntity', 'qbEntity')
      .addSelect('m.b24Entity', 'b24Entity')
      .addSelect('COUNT(*)', 'n')
      .groupBy('m.qbEntity')
      .addGroupBy('m.b24Entity')
      .orderBy('m.qbEntity')
      .addOrderBy('m.b24Entity')
      .getRawMany<{ qbEntity: string; b24Entity: string; n: string | number }>();
    return rows.map((r) => ({ qbEntity: r.qbEntity, b24Entity: r.b24Entity, count: Number(r.n) }));
  }

  async mappedRecords(b24Entity: string): Promise<MappedRecord[]> {
    const rows = await this.repo().find({ select: { qbEntity: true, qbId: true, b24Id: true }, where: { b24Entity }, order: { id: 'ASC' } });
    return rows.map((r) => ({ qbEntity: r.qbEntity, qbId: r.qbId, b24Id: r.b24Id }));
  }
}
