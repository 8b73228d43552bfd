import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IdMappingRepository } from './id-mapping.repository.js';
import type { IdMapping, IdMappingChanges, LinkInput } from './id-mapping.type.js';

/**
 * The links as the sync engine reads and writes them: the only writer of id_mapping outside this module.
 * Callers may pass an EntityManager to enlist in their transaction.
 */
@Injectable()
export class IdMappingService {
  constructor(private readonly repo: IdMappingRepository) {}

  /** Links of the given QuickBooks records to one Bitrix24 entity, keyed by QuickBooks id. */
  findByQbIds(qbEntity: string, b24Entity: string, qbIds: readonly string[], tx?: EntityManager): Promise<Map<string, IdMapping>> {
    return this.repo.findByQbIds(qbEntity, b24Entity, qbIds, tx);
  }

  findByQbId(qbEntity: string, qbId: string, tx?: EntityManager): Promise<IdMapping[]> {
    return this.repo.findByQbId(qbEntity, qbId, tx);
  }

  findByB24Id(b24Entity: string, b24Id: string, tx?: EntityManager): Promise<IdMapping[]> {
    return this.repo.findByB24Id(b24Entity, b24Id, tx);
  }

  /** Inserts or updates links by their QuickBooks key; idempotent, so a replayed page changes nothing. */
  link(rows: readonly LinkInput[], now: Date, tx?: EntityManager): Promise<void> {
    return this.repo.link(rows, now, tx);
  }

  update(id: number, changes: IdMappingChanges, tx?: EntityManager): Promise<void> {
    return this.repo.update(id, changes, tx);
  }
}
