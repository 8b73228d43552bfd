import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { IdMappingEntity } from './id-mapping.entity.js';

export interface LinkInput {
  readonly qbEntity: string;
  readonly qbId: string;
  readonly b24Entity: string;
  readonly b24Id: string;
  readonly qbEditSequence?: string | null;
  readonly qbHash?: string | null;
  readonly b24Hash?: string | null;
  readonly baseJson?: string | null;
  readonly status?: string;
}

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

  async update(id: number, changes: Partial<IdMappingEntity>, tx?: EntityManager): Promise<void> {
    await this.repo(tx).update({ id }, changes);
  }

  countByQbEntity(qbEntity: string): Promise<number> {
    return this.repo().countBy({ qbEntity });
  }

  all(): Promise<IdMappingEntity[]> {
    return this.repo().find({ order: { id: 'ASC' } });
  }
}
