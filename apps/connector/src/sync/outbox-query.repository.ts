import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, In } from 'typeorm';
import { OutboxEntity, type OutboxStatus } from './outbox.entity.js';
import type { OutboxCount, PendingGroup, RecordKey } from './outbox.type.js';

/** Read-only queries over the queue for operators: /status, the admin API, the dashboard and metrics. */
@Injectable()
export class OutboxQueryRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private repo() {
    return this.db.getRepository(OutboxEntity);
  }

  listByStatus(statuses: readonly OutboxStatus[], limit: number): Promise<OutboxEntity[]> {
    return this.repo().find({ where: { status: In([...statuses]) }, order: { notBefore: 'ASC', id: 'ASC' }, take: limit });
  }

  /**
   * Whether a change of this Bitrix24 record waits in the queue or is in flight to QuickBooks. A parked conflict or a
   * dead row is not: it goes nowhere until an operator acts.
   */
  hasQueuedChange(b24Entity: string, b24Id: string): Promise<boolean> {
    return this.repo().existsBy({ b24Entity, b24Id, status: In(['pending', 'in_flight']) });
  }

  /** When each row that was in the queue at some time since `since` entered it, and left it (null: still there). */
  async queueSpans(since: Date): Promise<{ from: Date; to: Date | null }[]> {
    const rows = await this.repo()
      .createQueryBuilder('o')
      .select(['o.createdAt', 'o.updatedAt', 'o.status'])
      .where(
        new Brackets((w) => {
          w.where('o.status IN (:...waiting)', { waiting: ['pending', 'in_flight'] }).orWhere('o.updatedAt >= :since', { since: since.getTime() });
        }),
      )
      .getMany();
    // A row leaves the queue when it reaches a final state; its last update is when that happened.
    return rows.map((r) => ({ from: r.createdAt, to: r.status === 'pending' || r.status === 'in_flight' ? null : r.updatedAt }));
  }

  countByStatus(status: OutboxStatus): Promise<number> {
    return this.repo().countBy({ status });
  }

  async countsByStatus(): Promise<Record<OutboxStatus, number>> {
    const rows = await this.repo()
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.status')
      .getRawMany<{ status: OutboxStatus; n: string | number }>();
    const counts: Record<OutboxStatus, number> = { pending: 0, in_flight: 0, done: 0, dead: 0, conflict: 0, superseded: 0 };
    for (const r of rows) counts[r.status] = Number(r.n);
    return counts;
  }

  async countsByStatusAndQbEntity(): Promise<OutboxCount[]> {
    const rows = await this.repo()
      .createQueryBuilder('o')
      .select('o.status', 'status')
      .addSelect('o.qbEntity', 'qbEntity')
      .addSelect('COUNT(*)', 'n')
      .groupBy('o.status')
      .addGroupBy('o.qbEntity')
      .getRawMany<{ status: OutboxStatus; qbEntity: string; n: string | number }>();
    return rows.map((r) => ({ status: r.status, qbEntity: r.qbEntity, count: Number(r.n) }));
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

  /** Rows touching any of the given QuickBooks or Bitrix24 records, newest first. */
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
