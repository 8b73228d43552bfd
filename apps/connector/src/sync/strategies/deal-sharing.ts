import type { EstimateRet, InvoiceRet } from '@qb-b24/qbxml';
import { invoicePayState } from '@qb-b24/sync-core';
import type { IdMappingService } from '../../mapping/id-mapping.service.js';
import type { LinkInput } from '../../mapping/id-mapping.type.js';
import { sharedDealState } from './shared-deal-state.js';

/**
 * A document an invoice can be made from (QUANTYPE LinkedTxn, qbxml.md §4.9), whose deal the invoice then takes
 * over. An estimate's deal goes to the first invoice made from it, which rewrites it as its own; a sales order's deal
 * is shared by every invoice made from the order, and the order keeps writing it (README "Sales orders").
 */
interface DealSource {
  readonly txnType: 'Estimate' | 'SalesOrder';
  readonly qbEntity: 'estimate' | 'salesOrder';
  readonly sharedByAll: boolean;
}
const SOURCES: readonly DealSource[] = [
  // Sales orders first: an invoice made from an order that itself came from an estimate joins the order's deal.
  { txnType: 'SalesOrder', qbEntity: 'salesOrder', sharedByAll: true },
  { txnType: 'Estimate', qbEntity: 'estimate', sharedByAll: false },
];

/** The document of `txnType` an invoice was made from: its LinkedTxn of that type. Pure. */
export function sourceTxnId(inv: InvoiceRet, txnType: DealSource['txnType']): string | undefined {
  return inv.LinkedTxn.find((l) => l.TxnType === txnType)?.TxnID;
}

const live = <T extends { status: string }>(m: T | undefined): T | undefined => (m !== undefined && m.status !== 'deleted' ? m : undefined);

/**
 * An invoice made from an estimate or a sales order moves that document's deal on instead of adding a second deal
 * (issues 15 and 16): before the invoice is written, it is linked to the source's deal, so the upsert updates that
 * deal. All links stay recorded. Returns the links to record; reads only (the dry run shows them, the invoice
 * strategy records them).
 */
export async function sourceDealsToAdopt(mappings: IdMappingService, invoices: readonly InvoiceRet[]): Promise<LinkInput[]> {
  const fromSources = invoices.filter((i) => SOURCES.some((s) => sourceTxnId(i, s.txnType) !== undefined));
  if (fromSources.length === 0) return [];
  const own = await mappings.findByQbIds(
    'invoice',
    'deal',
    fromSources.map((i) => i.TxnID),
  );
  let todo = fromSources.filter((i) => live(own.get(i.TxnID)) === undefined);
  const links: LinkInput[] = [];
  for (const source of SOURCES) {
    const deals = await mappings.findByQbIds(
      source.qbEntity,
      'deal',
      todo.map((i) => sourceTxnId(i, source.txnType) ?? ''),
    );
    const taken = new Set<string>();
    const adopted = new Set<string>();
    for (const inv of todo) {
      const deal = live(deals.get(sourceTxnId(inv, source.txnType) ?? ''));
      if (deal === undefined) continue;
      if (!source.sharedByAll) {
        // One deal per estimate: with progress invoicing the first invoice takes it and the others get their own.
        if (taken.has(deal.b24Id)) continue;
        const sharers = await mappings.findByB24Id('deal', deal.b24Id);
        if (sharers.some((m) => m.qbEntity === 'invoice' && m.status !== 'deleted')) continue;
        taken.add(deal.b24Id);
      }
      adopted.add(inv.TxnID);
      // No hash: the invoice's first apply always writes the deal. An order's invoices keep their pay state.
      const baseJson = source.sharedByAll ? JSON.stringify(sharedDealState(invoicePayState(inv))) : null;
      links.push({ qbEntity: 'invoice', qbId: inv.TxnID, b24Entity: 'deal', b24Id: deal.b24Id, b24Hash: null, baseJson });
    }
    todo = todo.filter((i) => !adopted.has(i.TxnID));
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
