import type { ToQuickBooksRules } from './mapping-rules.type.js';

/** Why an unlinked Bitrix24 record stays out of QuickBooks, or undefined when it goes there. */
export type FilterVerdict = { readonly pass: true } | { readonly pass: false; readonly reason: string };

/**
 * The mapping file's `toQuickBooks` filter for a Bitrix24 record NOT yet linked to QuickBooks (linked ones always
 * sync, the caller checks that first): contacts by TYPE_ID, companies by COMPANY_TYPE (the portal's CONTACT_TYPE and
 * COMPANY_TYPE directories, bitrix24.md §5.2/§5.3), products all or none. Pure.
 */
export function toQuickBooksVerdict(b24Entity: string, record: Readonly<Record<string, unknown>>, rules: ToQuickBooksRules): FilterVerdict {
  if (b24Entity === 'product') {
    return rules.products ? { pass: true } : { pass: false, reason: 'products do not go to QuickBooks (mapping toQuickBooks.products is false)' };
  }
  const [field, allowed, key] =
    b24Entity === 'company' ? (['COMPANY_TYPE', rules.companyTypes, 'companyTypes'] as const) : (['TYPE_ID', rules.contactTypes, 'contactTypes'] as const);
  const type = String(record[field] ?? '');
  if (allowed.includes(type)) return { pass: true };
  const shown = type === '' ? 'none' : type;
  return { pass: false, reason: `${b24Entity} of type ${shown} is not in mapping toQuickBooks.${key} (${allowed.join(', ') || 'empty'})` };
}
