import { Injectable } from '@nestjs/common';
import type { RecordKey } from './outbox.type.js';
import { SyncHistoryRepository } from './sync-history.repository.js';
import type { SyncErrorCount, SyncErrorRecord, SyncLogEntry, SyncRun, SyncRunCount, SyncedCount, Watermark } from './sync-history.type.js';

/** Read-only view of runs, errors, watermarks and the sync log for health, admin, the dashboard and metrics. */
@Injectable()
export class SyncHistoryQueryService {
  constructor(private readonly repo: SyncHistoryRepository) {}

  /** Newest first. */
  recentRuns(limit: number): Promise<SyncRun[]> {
    return this.repo.recentRuns(limit);
  }

  countRunsSince(since: Date): Promise<number> {
    return this.repo.countRunsSince(since);
  }

  /** Ordered by key. */
  watermarks(): Promise<Watermark[]> {
    return this.repo.watermarks();
  }

  /** Newest first. */
  lastErrors(limit: number): Promise<SyncErrorRecord[]> {
    return this.repo.lastErrors(limit);
  }

  /** Sync log rows about any of the given QuickBooks or Bitrix24 records, newest first. */
  logsForRecords(qb: readonly RecordKey[], b24: readonly RecordKey[]): Promise<SyncLogEntry[]> {
    return this.repo.logsForRecords(qb, b24);
  }

  syncedCounts(): Promise<SyncedCount[]> {
    return this.repo.syncedCounts();
  }

  /** Records synced per hour (epoch hour) and direction since `since`; for the dashboard's activity chart. */
  syncedPerHour(since: Date): Promise<{ hour: number; direction: string; count: number }[]> {
    return this.repo.syncedPerHour(since);
  }

  errorsPerHour(since: Date): Promise<{ hour: number; count: number }[]> {
    return this.repo.errorsPerHour(since);
  }

  errorCountsBySource(): Promise<SyncErrorCount[]> {
    return this.repo.errorCountsBySource();
  }

  runCounts(): Promise<SyncRunCount[]> {
    return this.repo.runCounts();
  }
}
