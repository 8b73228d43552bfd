import type { QbxmlRequest } from '@qb-b24/qbxml';
import type { QueryInput } from './qb-read-strategy.js';

/**
 * The change-capture query of a list entity: every record (ActiveStatus All, so inactivations are seen)
 * modified since the watermark, one iterator page at a time. Pure.
 */
export function listChangesQuery(
  kind: 'CustomerQuery' | 'VendorQuery' | 'ItemQuery',
  q: QueryInput,
  extra: { readonly OwnerID?: readonly string[] } = {},
): QbxmlRequest {
  return {
    kind,
    requestID: q.requestID,
    iterator: q.iterator,
    MaxReturned: q.maxReturned,
    ActiveStatus: 'All',
    ...(q.modifiedSince ? { FromModifiedDate: q.modifiedSince } : {}),
    // OwnerID 0 returns the custom fields the mapping file maps (qbxml.md §4.10).
    ...extra,
  };
}
