import type { Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import type { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { s } from './record-values.js';

export interface PortalCensus {
  /** QuickBooks ids the import should have sent that no Bitrix24 record carries. */
  readonly missing: readonly string[];
  /** `entity:qbId` for every QuickBooks record held more than once by one Bitrix24 entity. */
  readonly duplicated: readonly string[];
}

/**
 * Counts the portal's records by the QuickBooks identity they carry (ORIGIN_ID on contacts, companies and deals;
 * XML_ID `QB_{ListID}` on products), against what a full import sends: top-level customers (jobs are deals'
 * context, not records of their own), vendors, every item kind, invoices and estimates. "Nothing lost, nothing
 * twice" is `{ missing: [], duplicated: [] }`.
 */
export function portalCensus(portal: Bitrix24Portal, qb: QuickBooksCompany): PortalCensus {
  const seen = new Set<string>();
  const duplicated: string[] = [];
  const count = (entity: string, key: string, counts: Map<string, number>): void => {
    if (key === '') return;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    seen.add(key);
    if (n === 2) duplicated.push(`${entity}:${key}`);
  };
  for (const entity of ['contact', 'company', 'deal'] as const) {
    const counts = new Map<string, number>();
    for (const r of portal.list(entity)) count(entity, s(r['ORIGIN_ID']), counts);
  }
  const products = new Map<string, number>();
  for (const r of portal.list('product')) count('product', s(r['XML_ID']).replace(/^QB_/, ''), products);
  const topLevelCustomers = qb.ids('Customer').filter((id) => qb.getRet(id)?.['ParentRef'] === undefined);
  const expected = [
    ...topLevelCustomers,
    ...qb.ids('Vendor'),
    ...(['ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemOtherCharge'] as const).flatMap((k) => qb.ids(k)),
    ...qb.ids('Invoice'),
    ...qb.ids('Estimate'),
  ];
  return { missing: expected.filter((id) => !seen.has(id)), duplicated };
}
