import type { StoredErrorCode } from '@qb-b24/sync-core';
import { OUTBOX_STATUSES, type OutboxStatus } from './outbox.entity.js';

export { OUTBOX_STATUSES, type OutboxStatus };

/** One queue row as other modules see it: no payload, no ticket hash, no idempotency key. */
export interface OutboxRow {
  readonly id: number;
  readonly b24Entity: string;
  readonly b24Id: string;
  readonly qbEntity: string;
  readonly qbId: string | null;
  readonly operation: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly notBefore: Date;
  readonly lastErrorCode: StoredErrorCode | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Pending rows with the same next action, as the next session would hand them out. */
export interface PendingGroup {
  readonly operation: string;
  readonly qbEntity: string;
  readonly b24Entity: string;
  readonly count: number;
  /** Rows whose back-off has expired, i.e. that a session starting now would hand out. */
  readonly dueNow: number;
}

/** One record on one side, e.g. `{ entity: 'contact', id: '42' }`. */
export interface RecordKey {
  readonly entity: string;
  readonly id: string;
}

export interface OutboxCount {
  readonly status: OutboxStatus;
  readonly qbEntity: string;
  readonly count: number;
}

/** What an operator's queue command did, or why it changed nothing at all (every command is one transaction). */
export type OutboxCommandResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'NOT_FOUND' | 'INVALID_STATE'; readonly message: string };

/** Copies the public fields, so a payload or ticket hash never leaves the module by accident. */
export function toOutboxRow(e: OutboxRow): OutboxRow {
  return {
    id: e.id,
    b24Entity: e.b24Entity,
    b24Id: e.b24Id,
    qbEntity: e.qbEntity,
    qbId: e.qbId,
    operation: e.operation,
    status: e.status,
    attempts: e.attempts,
    notBefore: e.notBefore,
    lastErrorCode: e.lastErrorCode,
    lastError: e.lastError,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}
