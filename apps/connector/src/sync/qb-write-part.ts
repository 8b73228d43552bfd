import type { CustomFieldProblem, StoredErrorCode } from '@qb-b24/sync-core';
import type { QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import type { IdMapping } from '../mapping/id-mapping.type.js';
import type { OutboxEntity } from './outbox.entity.js';
import type { OutboxPayload } from './outbox.repository.js';

/** A fetched Bitrix24 CRM record: vendor-named optional fields, with an ID checked by the caller. */
export type B24Record = Readonly<Record<string, unknown>> & { readonly ID: string | number };

/** What a Bitrix24 change becomes: a queued write, or the reason nothing is queued (echo, skip rules). */
export type QueueDecision =
  /** `customFieldProblems`: custom-field values cut or left out, journalled (CUSTOM_FIELD) when the write is queued. */
  | { readonly queue: true; readonly payload: OutboxPayload; readonly customFieldProblems?: readonly CustomFieldProblem[] }
  /** `skipped`: an unlinked record the mapping's toQuickBooks filter keeps out (counted in /status). */
  | { readonly queue: false; readonly note: string; readonly skipped?: true };

/** What is known of a Bitrix24 record beside its fields, when its change is decided. */
export interface DecideContext {
  /** It carries our origin marks. */
  readonly fromQuickBooks: boolean;
  /** Another queued write needs this record in QuickBooks (a won deal's customer), so the toQuickBooks filter is not applied. */
  readonly neededBy?: string;
  /** Another change of this record waits in the queue or is in flight to QuickBooks (OutboxQueryRepository.hasQueuedChange). */
  readonly changeQueued: boolean;
}

/**
 * Whether a Bitrix24 record's fingerprint is the state QuickBooks already has, so nothing is queued: the echo of our
 * own write, or a change applied already. Not while another change of the record is queued: QuickBooks is about to
 * get that one, so coming back to the synced values (an edit undone) is a change of its own and must follow it.
 */
export function matchesSyncedState(syncedHash: string | null | undefined, hash: string, seen: DecideContext): boolean {
  return syncedHash === hash && !seen.changeQueued;
}

/** The state of a QuickBooks record to link once it is written (or found already written). */
export interface QbLink {
  readonly qbId: string;
  readonly qbEditSequence: string;
  /** Fingerprint of the QuickBooks side (null = unknown, the next read compares by content). */
  readonly qbHash: string | null;
  readonly baseJson: string;
}

/**
 * The generic outcomes of an outbox row, owned by the dispatcher (backoff, dead letter, linking) and
 * handed to the entity's part so that it never re-implements them.
 */
export interface OutboxRowOps {
  retry(row: OutboxEntity, code: StoredErrorCode, message: string, operation: string, immediate?: boolean, patch?: Partial<OutboxPayload>): Promise<void>;
  dead(row: OutboxEntity, code: StoredErrorCode, message: string): Promise<void>;
  linkDone(row: OutboxEntity, payload: OutboxPayload, link: QbLink, how: string): Promise<void>;
  /** Parks the row as a conflict (QB_3200) until an operator resolves it. */
  park(row: OutboxEntity, message: string): Promise<void>;
  /** Back to pending for the next request (after a re-read), optionally with new payload values. */
  again(row: OutboxEntity, payload?: OutboxPayload): Promise<void>;
}

/** One outbox row being turned into a request or having its answer applied. */
export interface WriteContext {
  readonly row: OutboxEntity;
  readonly payload: OutboxPayload;
  /** The live mapping of the row's Bitrix24 record to this entity, if any. */
  readonly mapping: IdMapping | undefined;
  /** The desired QuickBooks name, with the " (B24 id)" suffix once a 3100 asked for it. */
  readonly name: string;
  readonly ops: OutboxRowOps;
  /** The session run applying the answer (0 while building a request). */
  readonly runId: number;
}

/**
 * The Bitrix24 → QuickBooks part of a strategy: how a Bitrix24 change becomes a queued write, the Add/Mod
 * for it, and how QuickBooks' answer is applied. The dispatcher keeps what is the same for every entity:
 * which rows are due, re-reads (refresh, reread, verify, lookup) as a query by ListID or name, the
 * classification of error statuses, retry and dead letter.
 */
export interface QbWritePart {
  /** The query that reads one record of this entity back (by ListID or FullName, or readRequest's own). */
  readonly queryKind: 'CustomerQuery' | 'ItemQuery' | 'SalesOrderQuery' | 'InvoiceQuery';
  /** The QuickBooks kinds of the outbox rows this part writes, when not the strategy's own kind. */
  readonly qbEntities?: readonly string[];
  /** The read-back request, for a part whose records are not looked up by ListID or name (transactions). */
  readRequest?(ctx: WriteContext, requestID: string): QbxmlRequest;
  /**
   * False when the mapping file switches this direction off (won deals, toQuickBooks.deals.enabled): its Bitrix24
   * records are then neither polled nor fetched for events, and the first import does not wait for its kind.
   * Absent: always on.
   */
  readonly active?: boolean;
  /** QuickBooks' Name length, so a collision suffix still fits. */
  readonly nameMaxLength: number;
  /** ListDataExtType of this entity's custom fields (qbxml.md §4.10); absent: the entity carries none (deals). */
  readonly dataExtType?: 'Customer' | 'Item';
  /**
   * Whether the record read after its custom-field writes holds what its link recorded: then only our DataExt writes
   * moved its EditSequence, which may be taken over (custom-field-writes.ts).
   */
  unchangedSinceLink?(mapping: IdMapping, response: QbxmlResponse): boolean;
  /** A fetched Bitrix24 record → a queued write or why not. */
  decide(b24Entity: string, b24Id: string, record: B24Record, seen: DecideContext): Promise<QueueDecision>;
  /** The Add (no mapping) or Mod for a row; null when the row was settled instead (e.g. dead-lettered). */
  buildWrite(ctx: WriteContext, requestID: string): Promise<QbxmlRequest | null>;
  /** The record QuickBooks returned for a successful Add/Mod. */
  applyWritten(ctx: WriteContext, response: QbxmlResponse): Promise<void>;
  /** The record a query found (re-read after 3200, refresh after a conflict, verify, lookup after 3100). */
  applyRead(ctx: WriteContext, response: QbxmlResponse): Promise<void>;
}
