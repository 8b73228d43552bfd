import type { StoredErrorCode } from '@qb-b24/sync-core';

export interface ErrorExplanation {
  /** What went wrong, in words an operator without the code can follow. */
  readonly what: string;
  /** What to do about it. */
  readonly action: string;
}

/**
 * Turns a stored error code into plain language and the action to take. Pure. QuickBooks statuses arrive
 * as `QB_<statusCode>` (StoredErrorCode), never as the bare number. The stored message may quote
 * customer data (QuickBooks echoes names), so the page shows this instead and the message stays behind the
 * admin API.
 */
export function explainError(code: StoredErrorCode, source: string, entity: string | null): ErrorExplanation {
  const what = entity ? `a ${entity}` : 'a record';
  switch (code) {
    case 'AMBIGUOUS_MATCH':
      return {
        what: `A QuickBooks record resembled several Bitrix24 records, so ${what} was created anew.`,
        action: 'Merge the duplicates in Bitrix24 if they are the same person or company.',
      };
    case 'CUSTOM_FIELD':
      return {
        what: `A custom-field value of ${what} does not fit the field it maps to, so it was left out.`,
        action: 'Correct the value (or the field type, or the mapping file), then edit the record again.',
      };
    case 'POLL_FAILED':
      return { what: 'Polling Bitrix24 for missed changes failed.', action: 'Check the Bitrix24 connection above; polling retries by itself.' };
    case 'QB_3100':
      return { what: `QuickBooks already has a record with the name of ${what}.`, action: 'Rename one of them, then requeue the dead letter.' };
    case 'QB_3140':
      return { what: `${capitalise(what)} refers to a record QuickBooks does not know.`, action: 'Sync or create the referenced record first, then requeue.' };
    case 'QB_3200':
      return { what: `${capitalise(what)} was changed in QuickBooks while we were writing it.`, action: 'Nothing: the next session re-reads and merges it.' };
    default:
      if (source === 'b24->qb') {
        return { what: `Writing ${what} to QuickBooks failed (${code}).`, action: 'Open the record timeline for details, fix the record, then requeue it.' };
      }
      if (source === 'qbwc') {
        return {
          what: `A Web Connector session step for ${what} failed (${code}).`,
          action: 'Nothing at first: the next Web Connector update retries. If it repeats, check the QuickBooks company file.',
        };
      }
      return { what: `Syncing ${what} failed (${code}).`, action: 'Open the record timeline for details; the next run retries.' };
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
