import type { InvoicePayState } from '@qb-b24/sync-core';
import type { IdMappingService } from '../../mapping/id-mapping.service.js';
import { fromDealState } from './deal-qb-writer.js';

/**
 * What a link to a sales order's shared deal remembers about its QuickBooks side (kept in IdMapping.baseJson, the
 * values as last synced): an invoice's pay state, or whether the order expects more invoices. The deal's stage is
 * computed from all of them, because neither the order nor any one invoice sees the others' state.
 */
export type SharedDealState = { readonly pay: InvoicePayState } | { readonly orderDone: boolean };

export const sharedDealState = (pay: InvoicePayState): SharedDealState => ({ pay });

const PAY_STATES: readonly string[] = ['paid', 'partly', 'open'];

/** Reads a stored state defensively; undefined when the link holds none (an estimate's or plain invoice's deal). Pure. */
export function parseSharedDealState(baseJson: string | null): SharedDealState | undefined {
  if (baseJson === null) return undefined;
  // Deal links' baseJson is only ever written by the deal strategies, as JSON.
  const raw: unknown = JSON.parse(baseJson);
  if (typeof raw !== 'object' || raw === null) return undefined;
  if ('pay' in raw && typeof raw.pay === 'string' && PAY_STATES.includes(raw.pay)) return { pay: raw.pay as InvoicePayState };
  if ('orderDone' in raw && typeof raw.orderDone === 'boolean') return { orderDone: raw.orderDone };
  return undefined;
}

/** One sales order's deal as its links know it. */
export interface OrderDealView {
  readonly dealId: string;
  readonly orderId: string;
  /** the order's last known IsFullyInvoiced / IsManuallyClosed */
  readonly done: boolean;
  /** the order was created in QuickBooks from this Bitrix24 deal (DealQbWriter), so the deal is not QuickBooks' to stage */
  readonly fromDeal: boolean;
  /** pay state of each invoice sharing the deal, by TxnID */
  readonly invoices: ReadonlyMap<string, InvoicePayState>;
}

/**
 * The sales order deal behind `dealId`, or undefined when no live sales order link points at it (an estimate's or an
 * invoice's own deal). Reads links only.
 */
export async function orderDealView(mappings: IdMappingService, dealId: string): Promise<OrderDealView | undefined> {
  const links = (await mappings.findByB24Id('deal', dealId)).filter((m) => m.status !== 'deleted');
  const order = links.find((m) => m.qbEntity === 'salesOrder');
  if (order === undefined) return undefined;
  const orderState = parseSharedDealState(order.baseJson);
  const invoices = new Map<string, InvoicePayState>();
  for (const m of links) {
    if (m.qbEntity !== 'invoice') continue;
    const state = parseSharedDealState(m.baseJson);
    invoices.set(m.qbId, state !== undefined && 'pay' in state ? state.pay : 'open');
  }
  return {
    dealId,
    orderId: order.qbId,
    fromDeal: fromDealState(order.baseJson) !== undefined,
    done: orderState !== undefined && 'orderDone' in orderState ? orderState.orderDone : false,
    invoices,
  };
}
