import type { EstimateRet, InvoiceRet } from '@qb-b24/qbxml';
import type { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { LinkInput } from '../../mapping/id-mapping.type.js';

/** The estimate an invoice was made from: its LinkedTxn of type Estimate (QUANTYPE link, qbxml.md §4.9). Pure. */
export function sourceEstimateId(inv: InvoiceRet): string | undefined {
  return inv.LinkedTxn.find((l) => l.TxnType === 'Estimate')?.TxnID;
}

const live = <T extends { status: string }>(m: T | undefined): T | undefined => (m !== undefined && m.status !== 'deleted' ? m : undefined);

/**
 * An invoice made from an estimate moves the estimate's deal on instead of adding a second deal (issue 15): before
 * the invoice is written, it is linked to the estimate's deal, so the upsert updates that deal (title, stage, rows).
 * Both links stay recorded. One deal per estimate: when several invoices come from one estimate (progress
 * invoicing), the first takes the deal and the others get their own. Returns the links to record; reads only
 * (the dry run shows them, the invoice strategy records them).
 */
export async function estimateDealsToAdopt(mappings: IdMappingService, invoices: readonly InvoiceRet[]): Promise<LinkInput[]> {
  const fromEstimates = invoices.filter((i) => sourceEstimateId(i) !== undefined);
  if (fromEstimates.length === 0) return [];
  const own = await mappings.findByQbIds(
    'invoice',
    'deal',
    fromEstimates.map((i) => i.TxnID),
  );
  const todo = fromEstimates.filter((i) => live(own.get(i.TxnID)) === undefined);
  const estimates = await mappings.findByQbIds(
    'estimate',
    'deal',
    todo.map((i) => sourceEstimateId(i) ?? ''),
  );
  const links: LinkInput[] = [];
  const taken = new Set<string>();
  for (const inv of todo) {
    const deal = live(estimates.get(sourceEstimateId(inv) ?? ''));
    if (deal === undefined || taken.has(deal.b24Id)) continue;
    const sharers = await mappings.findByB24Id('deal', deal.b24Id);
    if (sharers.some((m) => m.qbEntity === 'invoice' && m.status !== 'deleted')) continue;
    taken.add(deal.b24Id);
    // No hash: the invoice's first apply always writes the deal.
    links.push({ qbEntity: 'invoice', qbId: inv.TxnID, b24Entity: 'deal', b24Id: deal.b24Id, b24Hash: null });
  }
  return links;
}

/** Estimates whose deal an invoice has taken over: their own later changes no longer rewrite that deal. */
export async function estimatesStillOwningTheirDeal(mappings: IdMappingService, estimates: readonly EstimateRet[]): Promise<EstimateRet[]> {
  const own = await mappings.findByQbIds(
    'estimate',
    'deal',
    estimates.map((e) => e.TxnID),
  );
  const out: EstimateRet[] = [];
  for (const est of estimates) {
    const deal = live(own.get(est.TxnID));
    const sharers = deal === undefined ? [] : await mappings.findByB24Id('deal', deal.b24Id);
    if (!sharers.some((m) => m.qbEntity === 'invoice' && m.status !== 'deleted')) out.push(est);
  }
  return out;
}
