import { Injectable } from '@nestjs/common';
import { IdMappingRepository } from './id-mapping.repository.js';
import type { IdMapping, MappedRecord, MappingCount } from './id-mapping.type.js';

/** Read-only view of the links for health, admin, dashboard and metrics (counts and ids). */
@Injectable()
export class IdMappingQueryService {
  constructor(private readonly repo: IdMappingRepository) {}

  count(): Promise<number> {
    return this.repo.count();
  }

  countsByEntityPair(): Promise<MappingCount[]> {
    return this.repo.countsByEntityPair();
  }

  /** The links of every record of one Bitrix24 entity, oldest first. */
  mappedRecords(b24Entity: string): Promise<MappedRecord[]> {
    return this.repo.mappedRecords(b24Entity);
  }

  page(filter: { qbEntity?: string; b24Entity?: string }, limit: number, offset: number): Promise<[IdMapping[], number]> {
    return this.repo.page(filter, limit, offset);
  }

  /** The links of one record, found by its id on either side. */
  linkedTo(system: 'qb' | 'b24', entity: string, id: string): Promise<IdMapping[]> {
    return system === 'qb' ? this.repo.findByQbId(entity, id) : this.repo.findByB24Id(entity, id);
  }
}
