import type { QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';

export interface WriteBatch {
  readonly requests: readonly QbxmlRequest[];
  readonly outboxIds: readonly number[];
}

/**
 * The Bitrix24 → QuickBooks half of a session: queued writes handed out as Add/Mod requests and their
 * answers applied. Implemented by the outbox dispatcher.
 */
export interface QbWriteDispatcher {
  /** Turns stored Bitrix24 events into queued writes; called when a session starts. */
  prepare(runId: number): Promise<void>;
  hasPending(): Promise<boolean>;
  nextBatch(ticketHash: string, requestIdPrefix: string): Promise<WriteBatch | null>;
  applyResponses(ticketHash: string, runId: number, outboxIds: readonly number[], responses: readonly QbxmlResponse[]): Promise<void>;
  /** QuickBooks gave no answer (HRESULT / session lost): the rows go back to the queue for a re-check. */
  releaseInFlight(ticketHash: string, reason: string): Promise<void>;
}

export const QB_WRITE_DISPATCHER = Symbol('QB_WRITE_DISPATCHER');
