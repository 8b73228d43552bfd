import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { IdMappingEntity } from './id-mapping.entity.js';
import type { IdMappingChanges, LinkInput, MappedRecord, MappingCount } from './id-mapping.type.js';

/** ID mappings between the two systems; callers may pass an EntityManager to enlist in their transaction. */
@Injectable()
export class IdMappingRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(IdMappingEntity);
  }

  async findByQbIds(qbEntity: string, b24Entity: string, qbIds: readonly string[], tx?: EntityManager): Promise<Map<string, IdMappingEntity>> {
    const out = new Map<string, IdMappingEntity>();
    for (let i = 0; i < qbIds.length; i += 500) {
      const rows = await this.repo(tx).findBy({ qbEntity, b24Entity, qbId: In(qbIds.slice(i, i + 500)) });
      for (const r of rows) out.set(r.qbId, r);
    }
    return out;
  }

  findByQbId(qbEntity: string, qbId: string, tx?: EntityManager): Promise<IdMappingEntity[]> {
    return this.repo(tx).findBy({ qbEntity, qbId });
  }

  findByB24Id(b24Entity: string, b24Id: string, tx?: EntityManager): Promise<IdMappingEntity[]> {
    return this.repo(tx).findBy({ b24Entity, b24Id });
  }

  /** Inserts or updates links by their QuickBooks key; idempotent, so a replayed page changes nothing. */
  async link(rows: readonly LinkInput[], now: Date, tx?: EntityManager): Promise<void> {
    if (rows.length === 0) return;
    const run = async (m: EntityManager): Promise<void> => {
      const repo = m.getRepository(IdMappingEntity);
      for (const r of rows) {
        const existing = await repo.findOneBy({ qbEntity: r.qbEntity, qbId: r.qbId, b24Entity: r.b24Entity });
        const values = {
          b24Id: r.b24Id,
          ...(r.qbEditSequence !== undefined ? { qbEditSequence: r.qbEditSequence } : {}),
          ...(r.qbHash !== undefined ? { qbHash: r.qbHash } : {}),
          ...(r.b24Hash !== undefined ? { b24Hash: r.b24Hash } : {}),
          ...(r.baseJson !== undefined ? { baseJson: r.baseJson } : {}),
          status: r.status ?? 'linked',
          updatedAt: now,
        };
        if (existing) await repo.update({ id: existing.id }, values);
        else
          await repo.insert({
            qbEntity: r.qbEntity,
            qbId: r.qbId,
            b24Entity: r.b24Entity,
            qbEditSequence: null,
            qbHash: null,
            b24Hash: null,
            baseJson: null,
            createdAt: now,
            ...values,
          });
      }
    };
    if (tx) await run(tx);
    else await this.db.transaction(run);
  }

  async update(id: number, changes: IdMappingChanges, tx?: EntityManager): Promise<void> {
    await this.repo(tx).update({ id }, changes);
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
