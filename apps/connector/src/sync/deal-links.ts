import type { DealLinks, DealTxnRet } from '@qb-b24/sync-core';
import type { IdMappingService } from '../mapping/id-mapping.service.js';

/** Every item ListID a page of transactions refers to (group lines included). Pure. */
export function itemListIdsOf(txns: readonly DealTxnRet[]): string[] {
  const ids = new Set<string>();
  for (const t of txns) {
    for (const line of t.lines) {
      if (line.lineType === 'group') {
        if (line.ItemGroupRef?.ListID) ids.add(line.ItemGroupRef.ListID);
        for (const l of line.lines) if (l.ItemRef?.ListID) ids.add(l.ItemRef.ListID);
      } else if (line.ItemRef?.ListID) ids.add(line.ItemRef.ListID);
    }
  }
  return [...ids];
}

/**
 * Resolves the Bitrix24 records a page of invoices/estimates links to: the customer's company/contact
 * (a job resolves to its parent's) and the products of its lines, with a few queries per page.
 */
export async function resolveDealLinks(mappings: IdMappingService, txns: readonly DealTxnRet[]): Promise<(txn: DealTxnRet) => DealLinks> {
  const customerIds = [...new Set(txns.map((t) => t.CustomerRef?.ListID).filter((x): x is string => typeof x === 'string'))];
  const [companies, contacts, jobCompanies, jobContacts, products] = await Promise.all([
    mappings.findByQbIds('customer', 'company', customerIds),
    mappings.findByQbIds('customer', 'contact', customerIds),
    mappings.findByQbIds('job', 'company', customerIds),
    mappings.findByQbIds('job', 'contact', customerIds),
    mappings.findByQbIds('item', 'product', itemListIdsOf(txns)),
  ]);
  const productIdByItemListId = new Map<string, string>();
  for (const [qbId, m] of products) if (m.status !== 'deleted') productIdByItemListId.set(qbId, m.b24Id);
  return (txn) => {
    const id = txn.CustomerRef?.ListID ?? '';
    const live = (m: { status: string; b24Id: string } | undefined): string | undefined => (m && m.status !== 'deleted' ? m.b24Id : undefined);
    const companyId = live(companies.get(id)) ?? live(jobCompanies.get(id));
    const contactId = live(contacts.get(id)) ?? live(jobContacts.get(id));
    return { ...(companyId ? { companyId } : {}), ...(contactId ? { contactId } : {}), productIdByItemListId };
  };
}
