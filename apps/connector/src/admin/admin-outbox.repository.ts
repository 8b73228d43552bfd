import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { OutboxEntity, type OutboxStatus } from '../sync/outbox.entity.js';

export interface PendingGroup {
  readonly operation: string;
  readonly qbEntity: string;
  readonly b24Entity: string;
  readonly count: number;
  /** Rows whose back-off has expired, i.e. that a session starting now would hand out. */
  readonly dueNow: number;
}

export interface RecordKey {
  readonly entity: string;
  readonly id: string;
}

/** The outbox as the admin API reads and repairs it; mutations take the caller's transaction. */
@Injectable()
export class AdminOutboxRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(OutboxEntity);
  }

  listByStatus(statuses: readonly OutboxStatus[], limit: number): Promise<OutboxEntity[]> {
    return this.repo().find({ where: { status: In([...statuses]) }, order: { notBefore: 'ASC', id: 'ASC' }, take: limit });
  }

  allWithStatus(status: OutboxStatus, tx?: EntityManager): Promise<OutboxEntity[]> {
    return this.repo(tx).find({ where: { status }, order: { id: 'ASC' } });
  }

  findById(id: number, tx?: EntityManager): Promise<OutboxEntity | null> {
    return this.repo(tx).findOneBy({ id });
  }

  /**
   * Applies `changes` only if the row is still in `expected` status, so a session that picked the row
   * up meanwhile is not overridden. Returns whether the row changed.
   */
  async updateIfStatus(id: number, expected: OutboxStatus, changes: Partial<OutboxEntity>, tx: EntityManager): Promise<boolean> {
    const res = await this.repo(tx).update({ id, status: expected }, changes);
    return (res.affected ?? 0) > 0;
  }

  /** Pending rows grouped by what the next session would do with them. */
  async pendingGroups(now: Date): Promise<PendingGroup[]> {
    const rows = await this.repo()
      .createQueryBuilder('o')
      .select('o.operation', 'operation')
      .addSelect('o.qbEntity', 'qbEntity')
      .addSelect('o.b24Entity', 'b24Entity')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(CASE WHEN o.notBefore <= :now THEN 1 ELSE 0 END)', 'due')
      .where('o.status = :status', { status: 'pending' })
      .setParameter('now', now.getTime())
      .groupBy('o.operation')
      .addGroupBy('o.qbEntity')
      .addGroupBy('o.b24Entity')
      .orderBy('o.qbEntity', 'ASC')
      .addOrderBy('o.operation', 'ASC')
      .addOrderBy('o.b24Entity', 'ASC')
      .getRawMany<{ operation: string; qbEntity: string; b24Entity: string; n: string | number; due: string | number | null }>();
    return rows.map((r) => ({ operation: r.operation, qbEntity: r.qbEntity, b24Entity: r.b24Entity, count: Number(r.n), dueNow: Number(r.due ?? 0) }));
  }

  countByStatus(status: OutboxStatus): Promise<number> {
    return this.repo().countBy({ status });
  }

  /** Rows touching any of the given QuickBooks or Bitrix24 records. */
  async forRecords(qb: readonly RecordKey[], b24: readonly RecordKey[]): Promise<OutboxEntity[]> {
    if (qb.length === 0 && b24.length === 0) return [];
    return this.repo()
      .createQueryBuilder('o')
      .where(
        new Brackets((w) => {
          w.where('1 = 0');
          qb.forEach((k, i) => w.orWhere(`(o.qbEntity = :qe${i} AND o.qbId = :qi${i})`, { [`qe${i}`]: k.entity, [`qi${i}`]: k.id }));
          b24.forEach((k, i) => w.orWhere(`(o.b24Entity = :be${i} AND o.b24Id = :bi${i})`, { [`be${i}`]: k.entity, [`bi${i}`]: k.id }));
        }),
      )
      .orderBy('o.updatedAt', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .getMany();
  }
}
