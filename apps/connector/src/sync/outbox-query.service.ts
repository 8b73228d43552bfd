import { Injectable } from '@nestjs/common';
import type { OutboxStatus } from './outbox.entity.js';
import { OutboxQueryRepository } from './outbox-query.repository.js';
import { toOutboxRow, type OutboxCount, type OutboxRow, type PendingGroup, type RecordKey } from './outbox.type.js';

/** Read-only view of the queue toward QuickBooks for health, admin, the dashboard and metrics. */
@Injectable()
export class OutboxQueryService {
  constructor(private readonly repo: OutboxQueryRepository) {}

  /** Rows in any of the given states, those due first. */
  async list(statuses: readonly OutboxStatus[], limit: number): Promise<OutboxRow[]> {
    return (await this.repo.listByStatus(statuses, limit)).map(toOutboxRow);
  }

  /** Queue entry and exit times of rows in the queue at some time since `since` (the activity chart's queue depth). */
  queueSpans(since: Date): Promise<{ from: Date; to: Date | null }[]> {
    return this.repo.queueSpans(since);
  }

  countByStatus(status: OutboxStatus): Promise<number> {
    return this.repo.countByStatus(status);
  }

  /** Every state with its count, zero included. */
  countsByStatus(): Promise<Record<OutboxStatus, number>> {
    return this.repo.countsByStatus();
  }

  countsByStatusAndQbEntity(): Promise<OutboxCount[]> {
    return this.repo.countsByStatusAndQbEntity();
  }

  /** Pending rows grouped by what the next session would do with them. */
  pendingGroups(now: Date): Promise<PendingGroup[]> {
    return this.repo.pendingGroups(now);
  }

  /** Rows touching any of the given QuickBooks or Bitrix24 records, newest first. */
  async forRecords(qb: readonly RecordKey[], b24: readonly RecordKey[]): Promise<OutboxRow[]> {
    return (await this.repo.forRecords(qb, b24)).map(toOutboxRow);
  }
}
