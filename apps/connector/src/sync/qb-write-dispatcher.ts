import type { QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import type { StoredErrorCode } from '@qb-b24/sync-core';

export interface WriteBatch {
  readonly requests: readonly QbxmlRequest[];
  readonly outboxIds: readonly number[];
}

/**
 * The Bitrix24 → QuickBooks half of a session: queued writes handed out as Add/Mod requests and their
 * answers applied. Implemented by the outbox dispatcher.
 */
export interface QbWriteDispatcher {
  hasPending(): Promise<boolean>;
  nextBatch(ticketHash: string, requestIdPrefix: string): Promise<WriteBatch | null>;
  applyResponses(ticketHash: string, runId: number, outboxIds: readonly number[], responses: readonly QbxmlResponse[]): Promise<void>;
  /** QuickBooks gave no answer (HRESULT / session lost): the rows go back to the queue for a re-check. */
  releaseInFlight(ticketHash: string, reason: string): Promise<void>;
  /**
   * QuickBooks refused the whole message in a way that will repeat if it is resent unchanged (an HRESULT the
   * qbXML playbook dead-letters, e.g. 0x80040400 "could not parse"): the rows are parked for the operator.
   */
  parkInFlight(ticketHash: string, outboxIds: readonly number[], code: StoredErrorCode, message: string): Promise<void>;
}

export const QB_WRITE_DISPATCHER = Symbol('QB_WRITE_DISPATCHER');
