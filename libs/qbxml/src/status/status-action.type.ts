/**
 * What the connector does with a response status (qbxml.md §7):
 * - ok: apply the result (warnings included, they are logged)
 * - no-match: the query found nothing; an empty result, not an error
 * - retry-later: leave the item pending and resend in a later session with backoff
 * - re-read-and-retry: query the current record (or use the Ret in the response), re-apply, resend
 * - fix-data: an operator must change data or settings in QuickBooks/Bitrix24, then requeue
 * - dead-letter: will not succeed unchanged (our bug or an unsupported edition); park for the operator
 */
export const STATUS_ACTIONS = ['ok', 'no-match', 'retry-later', 're-read-and-retry', 'fix-data', 'dead-letter'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export interface StatusRule {
  readonly action: StatusAction;
  /** plain-language text for the operator: what happened and what to do */
  readonly operatorMessage: string;
}
