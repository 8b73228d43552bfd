import type { DateTimeInput, IteratorInput, ListDelType, QbxmlRequest, QbxmlResponse, TxnDelType } from '@qb-b24/qbxml';
import type { MappingOptions } from '@qb-b24/sync-core';
import type { EntityManager } from 'typeorm';
import type { UpsertCandidate, UpsertSpec } from './b24-upsert.service.js';
import type { ApplyStats, QbEntity } from './qb-entity.js';

export interface QueryInput {
  readonly requestID: string;
  readonly iterator: IteratorInput;
  /** Undefined on a first run (full import). */
  readonly modifiedSince?: DateTimeInput;
  readonly maxReturned: number;
  /** Re-read exactly these records (TxnIDs), with no iterator and no filter: a session's re-read step. */
  readonly txnIds?: readonly string[];
}

/** A page as it is staged: a query answer, or the ids QuickBooks reported deleted. */
export type StagedInput = { readonly kind: 'records'; readonly response: QbxmlResponse } | { readonly kind: 'deleted'; readonly ids: readonly string[] };

export interface ApplyContext {
  readonly runId: number;
  /** No watermark yet: a full import, with matching of records that already exist in Bitrix24. */
  readonly firstRun: boolean;
}

/**
 * How one QuickBooks record family reaches Bitrix24. Adding an entity is one class implementing this and
 * one line in SyncModule's strategy list; the engine orders strategies by `dependsOn`.
 */
export interface QbReadStrategy {
  readonly entity: QbEntity;
  readonly dependsOn: readonly QbEntity[];
  /** The response `retType` this strategy's query returns. */
  readonly retType: QbxmlResponse['retType'];
  readonly deletedTypes: { readonly kind: 'list'; readonly types: readonly ListDelType[] } | { readonly kind: 'txn'; readonly types: readonly TxnDelType[] };
  buildQuery(input: QueryInput): QbxmlRequest;
  /** Applies one page; returns its counts. Throws only when the page cannot be applied at all. */
  applyPage(response: QbxmlResponse, ctx: ApplyContext): Promise<ApplyStats>;
  /**
   * What applyPage would write for this page under `options`, without writing anything (the dry run): one group
   * per Bitrix24 entity, built by the same code applyPage uses. Reads our links only.
   */
  planPage(response: QbxmlResponse, options: MappingOptions): Promise<readonly PlannedGroup[]>;
  /** QuickBooks deleted these records (ListID/TxnID). */
  applyDeleted(qbIds: readonly string[], ctx: ApplyContext): Promise<ApplyStats>;
  /** Another entity whose records this one's pages ask to re-read in the same session (the plan gets a re-read step for it). */
  readonly rereads?: QbEntity;
  /**
   * Runs inside the transaction that stages one of this strategy's pages (database only, no Bitrix24); returns the ids of
   * `rereads` records to read again before the session ends.
   */
  onStaged?(tx: EntityManager, page: StagedInput, now: Date): Promise<readonly string[]>;
}

export const QB_READ_STRATEGIES = Symbol('QB_READ_STRATEGIES');

/** The records one page would write to one Bitrix24 entity. */
export interface PlannedGroup {
  readonly spec: UpsertSpec;
  readonly candidates: readonly UpsertCandidate[];
  /** Bitrix24 records applyPage would link first, by QuickBooks id (an invoice taking over its estimate's deal). */
  readonly adopted?: ReadonlyMap<string, string>;
  /** QuickBooks ids of the page applyPage treats as deleted (voided transactions, deletes.fromQuickBooks). */
  readonly removed?: readonly string[];
}

/**
 * Stands in for the id of a company the same page creates: a contact of a new company is shown with this
 * COMPANY_ID by the dry run (the real id exists only once Bitrix24 has created the company).
 */
export const NEW_COMPANY_ID = '(created by this sync)';
