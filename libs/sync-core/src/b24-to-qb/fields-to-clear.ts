import type { ConflictPolicy } from '../merge/merge-customer.js';
import { flattenCustomer, qbCustomerFieldValue } from '../fingerprint/projections.js';
import { qbStoredText } from '../util/text.util.js';
import type { CustomerDesired, ItemDesired } from './customer-desired.type.js';

/**
 * Customer fields a Bitrix24 edit may clear in QuickBooks: the contact details (flat names as in
 * ConflictPolicy). Names are not among them: a company's CustomerDesired has no first/last name, so "absent
 * in Bitrix24" does not mean "deleted" for those.
 */
export const CLEARABLE_CUSTOMER_FIELDS = [
  'email',
  'phone',
  'altPhone',
  'fax',
  'billAddress.Addr1',
  'billAddress.Addr2',
  'billAddress.City',
  'billAddress.State',
  'billAddress.PostalCode',
  'billAddress.Country',
] as const;
export type ClearableCustomerField = (typeof CLEARABLE_CUSTOMER_FIELDS)[number];

/** Item fields a Bitrix24 product edit may clear in QuickBooks. */
export const CLEARABLE_ITEM_FIELDS = ['description'] as const;
export type ClearableItemField = (typeof CLEARABLE_ITEM_FIELDS)[number];

/**
 * The customer fields a CustomerMod must clear: set in `base` (the values last agreed between the two systems,
 * as QuickBooks stores them), empty in `desired` (Bitrix24 now, or the merge result after a 3200), and owned by
 * Bitrix24 under `policy`. A field QuickBooks owns is never cleared, and without a base (first link, or an Add)
 * nothing is, so a value missing on one side is never read as a deletion. Values compare as QuickBooks stores
 * them, so text that maps to nothing in Latin-1 counts as empty. Pure.
 */
export function customerFieldsToClear(base: CustomerDesired | undefined, desired: CustomerDesired, policy: ConflictPolicy): ClearableCustomerField[] {
  if (base === undefined) return [];
  const before = flattenCustomer(base);
  const now = flattenCustomer(desired);
  return CLEARABLE_CUSTOMER_FIELDS.filter((field) => {
    if ((policy.byField[field] ?? policy.default) !== 'b24') return false;
    return qbCustomerFieldValue(field, before[field]) !== undefined && qbCustomerFieldValue(field, now[field]) === undefined;
  });
}

/**
 * The item fields an Item…Mod must clear: the description when the agreed values (`base`, IdMapping.baseJson)
 * had one and the Bitrix24 product now has none (or none that survives Latin-1), like customerFieldsToClear.
 * Without a base nothing is cleared: a product without description is then not read as a deletion (an
 * item QuickBooks gave a description after the last sync would lose it). Pure.
 */
export function itemFieldsToClear(base: ItemDesired | undefined, desired: ItemDesired): ClearableItemField[] {
  if (base === undefined) return [];
  return qbStoredText(base.description, 4095) !== undefined && qbStoredText(desired.description, 4095) === undefined ? ['description'] : [];
}
