import type { StoredErrorCode } from '@qb-b24/sync-core';

/** One sync run as admin and /status show it. */
export interface SyncRun {
  readonly id: number;
  readonly trigger: string;
  readonly ticketPrefix: string | null;
  readonly status: string;
  readonly statsJson: string;
  readonly error: string | null;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
}

/** How far change capture has got for one key (`qb:customer`, `b24:contact`, …). */
export interface Watermark {
  readonly key: string;
  readonly modifiedSince: Date | null;
  readonly deletedSince: Date | null;
  readonly recordsSeen: number;
  readonly updatedAt: Date;
}

/** An operator-facing error. `message` may quote customer data: show it only behind the admin token. */
export interface SyncErrorRecord {
  readonly id: number;
  readonly runId: number | null;
  readonly source: string;
  readonly entity: string | null;
  readonly recordId: string | null;
  readonly code: StoredErrorCode;
  readonly message: string;
  readonly createdAt: Date;
}

/** One sync decision about one record. */
export interface SyncLogEntry {
  readonly id: number;
  readonly direction: string;
  readonly qbEntity: string | null;
  readonly qbId: string | null;
  readonly b24Entity: string | null;
  readonly b24Id: string | null;
  readonly action: string;
  readonly detail: string | null;
  readonly at: Date;
}

/** Sync decisions recorded per direction and entity pair (operator actions excluded). */
export interface SyncedCount {
  readonly direction: string;
  readonly qbEntity: string | null;
  readonly b24Entity: string | null;
  readonly count: number;
}

export interface SyncErrorCount {
  readonly source: string;
  readonly count: number;
}

export interface SyncRunCount {
  readonly trigger: string;
  readonly status: string;
  readonly count: number;
}
