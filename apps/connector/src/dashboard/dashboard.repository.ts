import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { IdMappingEntity } from '../mapping/id-mapping.entity.js';

export interface MappingCount {
  readonly qbEntity: string;
  readonly b24Entity: string;
  readonly count: number;
}

export interface MappedRecord {
  readonly qbEntity: string;
  readonly qbId: string;
  readonly b24Id: string;
}

/** Read-only queries behind the dashboard and the reconcile report (counts and ids, never field values). */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async mappingCounts(): Promise<MappingCount[]> {
    const rows = await this.db
      .getRepository(IdMappingEntity)
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
    const rows = await this.db
      .getRepository(IdMappingEntity)
      .find({ select: { qbEntity: true, qbId: true, b24Id: true }, where: { b24Entity }, order: { id: 'ASC' } });
    return rows.map((r) => ({ qbEntity: r.qbEntity, qbId: r.qbId, b24Id: r.b24Id }));
  }
}
