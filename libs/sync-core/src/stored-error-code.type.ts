import type { Bitrix24ErrorCode } from '@qb-b24/bitrix24-client';

/**
 * Every code the connector stores for an operator: `sync_error.code` and `outbox.lastErrorCode`. The
 * journal writer accepts only these, and the dashboard's explanations switch over them, so a reader that
 * matches a code no writer stores (e.g. `'3100'` for the stored `'QB_3100'`) fails to compile.
 * Every member is at most 40 characters (the column width): `QB_${number}` is at most 27.
 */
export type StoredErrorCode =
  /** QuickBooks answered a request with this statusCode (3100 name in use, 3140 bad reference, 3200 stale EditSequence, …). */
  | `QB_${number}`
  /** The Web Connector reported an HRESULT instead of a response. */
  | 'QB_HRESULT'
  /** QuickBooks' response could not be parsed. */
  | 'QB_BAD_RESPONSE'
  /** A Bitrix24 call failed with this client error code. */
  | `B24_${Bitrix24ErrorCode}`
  /** Writing a response's records to the other side threw. */
  | 'APPLY_FAILED'
  /** A QuickBooks record resembled several Bitrix24 records, so a new one was created. */
  | 'AMBIGUOUS_MATCH'
  /** The Bitrix24 poll for missed changes failed. */
  | 'POLL_FAILED'
  /** A queued change could not be turned into a QuickBooks request. */
  | 'UNBUILDABLE'
  /** QuickBooks gave no answer for a request; it is looked up before being sent again. */
  | 'NO_ANSWER'
  /** The QuickBooks item's type cannot be changed by the connector. */
  | 'ITEM_TYPE'
  /** The name is taken in QuickBooks by another record; the write retries with a suffix. */
  | 'NAME_TAKEN'
  /** The record was not found in QuickBooks; the write retries as an Add. */
  | 'NOT_FOUND'
  /** A custom-field value the mapping file maps could not be converted to the other side's field type. */
  | 'CUSTOM_FIELD'
  /** A won deal could not be sent to QuickBooks (a product not linked to an item, no QuickBooks customer, no rows). */
  | 'DEAL_NOT_READY';
