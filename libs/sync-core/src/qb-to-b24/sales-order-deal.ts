import type { SalesOrderRet } from '@qb-b24/qbxml';
import type { MappingOptions } from '../mapping-options.constant.js';
import { baseDeal, payStateStageId, txnRows, type DealLinks, type DealPlan, type InvoicePayState } from './txn-to-deal.js';

/**
 * Whether QuickBooks expects no more invoices for the order: every line invoiced (IsFullyInvoiced), or the order
 * closed by hand although not everything was invoiced (IsManuallyClosed, qbxml.md §4.9). Pure.
 */
export function salesOrderDone(order: Pick<SalesOrderRet, 'IsFullyInvoiced' | 'IsManuallyClosed'>): boolean {
  return order.IsFullyInvoiced === true || order.IsManuallyClosed === true;
}

/**
 * The stage of the one deal a sales order shares with the invoices made from it. It stays in the sales order stage
 * while more invoices may come (and while none exists); after that it follows the invoices: paid only when every
 * invoice is paid, partly paid when money has reached any of them, else open. Pure.
 */
export function salesOrderDealStageId(done: boolean, invoices: readonly InvoicePayState[], o: MappingOptions): string {
  if (!done || invoices.length === 0) return o.salesOrderStageId;
  if (invoices.every((s) => s === 'paid')) return payStateStageId('paid', o);
  if (invoices.some((s) => s !== 'open')) return payStateStageId('partly', o);
  return payStateStageId('open', o);
}

/**
 * A sales order as its deal: TITLE "Sales order {RefNumber}", the order's lines as product rows and its amount
 * (the whole order, also once invoices share the deal), the stage of salesOrderDealStageId. Pure.
 */
export function salesOrderToDeal(order: SalesOrderRet, invoices: readonly InvoicePayState[], o: MappingOptions, links: DealLinks): DealPlan {
  const stage = salesOrderDealStageId(salesOrderDone(order), invoices, o);
  return { deal: baseDeal(order, 'Sales order', stage, o, links), rows: txnRows(order, links) };
}
