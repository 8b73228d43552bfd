import { centsToAmount, toQbDecimal, type EstimateRet, type InvoiceRet, type RefRet, type TxnLineRet } from '@qb-b24/qbxml';
import type { B24DealDesired, B24ProductRowDesired } from '../b24-desired.type.js';
import type { MappingOptions } from '../mapping-options.constant.js';
import { centsToNumber, toScaled } from '../util/decimal.util.js';
import { clean } from '../util/text.util.js';
import { rowTaxFields, taxRoundingRow, txnTax, type DealTxnRet, type TxnTax } from './txn-tax.js';

/** Bitrix24 ids the engine already knows for a transaction's customer and items. */
export interface DealLinks {
  readonly companyId?: string;
  readonly contactId?: string;
  /** QuickBooks item ListID → Bitrix24 product ID */
  readonly productIdByItemListId: ReadonlyMap<string, string>;
  /**
   * ListIDs of Subtotal items: their lines repeat the sum of the lines above them, so they are not
   * product rows (else the rows would count those lines twice).
   */
  readonly subtotalItemListIds?: ReadonlySet<string>;
}

export interface DealPlan {
  readonly deal: B24DealDesired;
  readonly rows: readonly B24ProductRowDesired[];
  /** user fields (UF_CRM_…) the mapping names, with their values; part of the deal's fingerprint */
  readonly userFields?: Readonly<Record<string, string>>;
}

// QuickBooks Desktop names currencies ("US Dollar"), Bitrix24 wants ISO codes. Best effort for the
// common ones; anything else falls back to MappingOptions.currencyId.
const CURRENCY_BY_NAME: Readonly<Record<string, string>> = {
  'us dollar': 'USD',
  'canadian dollar': 'CAD',
  euro: 'EUR',
  'british pound sterling': 'GBP',
  'british pound': 'GBP',
  'australian dollar': 'AUD',
  'mexican peso': 'MXN',
  'japanese yen': 'JPY',
  'swiss franc': 'CHF',
  'russian ruble': 'RUB',
};

/** CURRENCY_ID for a CurrencyRef: a 3-letter code as is, known names mapped, else the default. Pure. */
export function currencyIdFor(ref: RefRet | undefined, o: MappingOptions): string {
  const name = clean(ref?.FullName);
  if (/^[A-Z]{3}$/.test(name)) return name;
  return CURRENCY_BY_NAME[name.toLowerCase()] ?? o.currencyId;
}

/**
 * PRICE and QUANTITY of one line so that PRICE × QUANTITY is exactly the line Amount: the unit Rate when
 * Rate × Quantity equals Amount to the cent, else the whole Amount as one unit (percent lines, rounded
 * rates). Undefined for lines without an amount.
 */
function priceAndQuantity(line: TxnLineRet): { readonly PRICE: number; readonly QUANTITY: number } | undefined {
  const qty = line.Quantity;
  const rate = line.Rate;
  if (line.Amount === undefined) {
    if (rate === undefined) return undefined;
    return { PRICE: Number(rate), QUANTITY: qty ?? 1 };
  }
  if (rate !== undefined && qty !== undefined && qty !== 0) {
    const rate5 = toScaled(rate, 5);
    const qty5 = toScaled(toQbDecimal(qty), 5);
    if (rate5 !== undefined && qty5 !== undefined && rate5 * qty5 === BigInt(line.Amount) * 100_000_000n) {
      return { PRICE: Number(rate), QUANTITY: qty };
    }
  }
  return { PRICE: centsToNumber(line.Amount), QUANTITY: 1 };
}

function lineToRow(line: TxnLineRet, links: DealLinks, tax: TxnTax | undefined): B24ProductRowDesired | undefined {
  const itemListId = line.ItemRef?.ListID;
  if (itemListId !== undefined && links.subtotalItemListIds?.has(itemListId) === true) return undefined;
  const pq = priceAndQuantity(line);
  if (pq === undefined) return undefined;
  // A description-only line with a zero amount is a comment, not a product.
  if (line.ItemRef === undefined && (line.Amount ?? 0) === 0) return undefined;
  const productId = itemListId === undefined ? undefined : links.productIdByItemListId.get(itemListId);
  const taxFields = rowTaxFields(line, tax);
  if (productId !== undefined) return { PRODUCT_ID: Number(productId), ...pq, ...taxFields };
  const name = clean(line.ItemRef?.FullName) || clean(line.Desc) || 'Item';
  return { PRODUCT_ID: 0, PRODUCT_NAME: name, ...pq, ...taxFields };
}

/** Product rows of a transaction in document order; group lines are flattened into their member lines. Pure. */
export function txnRows(txn: DealTxnRet, links: DealLinks): B24ProductRowDesired[] {
  const tax = txnTax(txn);
  const rows: B24ProductRowDesired[] = [];
  for (const line of txn.lines) {
    if (line.lineType === 'item') {
      const row = lineToRow(line, links, tax);
      if (row !== undefined) rows.push(row);
      continue;
    }
    if (line.lines.length > 0) {
      for (const member of line.lines) {
        const row = lineToRow(member, links, tax);
        if (row !== undefined) rows.push(row);
      }
    } else if (line.TotalAmount !== undefined && line.TotalAmount !== 0) {
      const groupId = line.ItemGroupRef.ListID;
      const productId = groupId === undefined ? undefined : links.productIdByItemListId.get(groupId);
      rows.push(
        productId !== undefined
          ? { PRODUCT_ID: Number(productId), PRICE: centsToNumber(line.TotalAmount), QUANTITY: 1 }
          : { PRODUCT_ID: 0, PRODUCT_NAME: clean(line.ItemGroupRef.FullName) || 'Group', PRICE: centsToNumber(line.TotalAmount), QUANTITY: 1 },
      );
    }
  }
  const rounding = taxRoundingRow(rows, txn, tax);
  if (rounding !== undefined) rows.push(rounding);
  return rows;
}

/** Subtotal in cents; when QuickBooks omitted it, the exact sum of the line amounts. */
function subtotalCents(txn: DealTxnRet, links: DealLinks): number {
  if (txn.Subtotal !== undefined) return txn.Subtotal;
  let sum = 0;
  for (const line of txn.lines) {
    const members = line.lineType === 'item' ? [line] : line.lines;
    for (const l of members) {
      const id = l.ItemRef?.ListID;
      if (id !== undefined && links.subtotalItemListIds?.has(id) === true) continue;
      sum += l.Amount ?? 0;
    }
    if (line.lineType === 'group' && line.lines.length === 0) sum += line.TotalAmount ?? 0;
  }
  return sum;
}

/** QuickBooks' total with tax: TotalAmount (estimates, sales receipts, credit memos); an invoice has none, so Subtotal + SalesTaxTotal (§4.4). */
function totalCents(txn: DealTxnRet, links: DealLinks): number {
  if ('TotalAmount' in txn && txn.TotalAmount !== undefined) return txn.TotalAmount;
  return subtotalCents(txn, links) + (txn.SalesTaxTotal ?? 0);
}

/** The deal fields every transaction shares: title, amount per mapping, currency, stage, dates, links, tax, origin. Pure. */
export function baseDeal(txn: DealTxnRet, title: string, stageId: string, o: MappingOptions, links: DealLinks): B24DealDesired {
  const ref = clean(txn.RefNumber) || String(txn.TxnNumber ?? txn.TxnID);
  const amount = o.dealAmount === 'total' ? totalCents(txn, links) : subtotalCents(txn, links);
  return {
    TITLE: `${title} ${ref}`,
    OPPORTUNITY: centsToAmount(amount),
    IS_MANUAL_OPPORTUNITY: 'Y',
    CURRENCY_ID: currencyIdFor(txn.CurrencyRef, o),
    STAGE_ID: stageId,
    BEGINDATE: txn.TxnDate,
    CLOSEDATE: txn.DueDate ?? txn.TxnDate,
    ...(links.companyId !== undefined ? { COMPANY_ID: links.companyId } : {}),
    ...(links.contactId !== undefined ? { CONTACT_ID: links.contactId } : {}),
    ...(o.categoryId !== 0 ? { CATEGORY_ID: String(o.categoryId) } : {}),
    ...((txn.SalesTaxTotal ?? 0) !== 0 ? { TAX_VALUE: centsToAmount(txn.SalesTaxTotal ?? 0) } : {}),
    ORIGINATOR_ID: o.originatorId,
    ORIGIN_ID: txn.TxnID,
  };
}

/** How far an invoice is paid. */
export type InvoicePayState = 'paid' | 'partly' | 'open';

/**
 * Paid, partly paid or open: IsPaid says paid; a payment or credit applied (AppliedAmount, negative in QuickBooks'
 * own display, so compared by absolute value, qbxml.md §4.4/§4.9) or a balance below the total says partly paid. Pure.
 */
export function invoicePayState(inv: InvoiceRet): InvoicePayState {
  if (inv.IsPaid === true) return 'paid';
  const applied = Math.abs(inv.AppliedAmount ?? 0);
  const total = (inv.Subtotal ?? 0) + (inv.SalesTaxTotal ?? 0);
  const partly = applied > 0 || (inv.BalanceRemaining !== undefined && inv.BalanceRemaining > 0 && inv.BalanceRemaining < total);
  return partly ? 'partly' : 'open';
}

/** The mapped stage of a pay state. Pure. */
export function payStateStageId(state: InvoicePayState, o: MappingOptions): string {
  return state === 'paid' ? o.paidStageId : state === 'partly' ? o.partiallyPaidStageId : o.unpaidStageId;
}

/** An invoice's stage: paid, partly paid or open (invoicePayState) as the mapping names them. Pure. */
export function invoiceStageId(inv: InvoiceRet, o: MappingOptions): string {
  return payStateStageId(invoicePayState(inv), o);
}

/**
 * The amount paid (or credited) and the balance of an invoice in cents, from what QuickBooks computed: AppliedAmount
 * (compared by absolute value, its sign is unconfirmed, qbxml.md §4.4) and BalanceRemaining; either one missing is
 * derived from the total (Subtotal + SalesTaxTotal). Pure.
 */
export function invoicePayment(inv: InvoiceRet): { readonly paidCents: number; readonly balanceCents: number } {
  const total = (inv.Subtotal ?? 0) + (inv.SalesTaxTotal ?? 0);
  const paid = inv.AppliedAmount !== undefined ? Math.abs(inv.AppliedAmount) : inv.BalanceRemaining !== undefined ? total - inv.BalanceRemaining : 0;
  const balance = inv.BalanceRemaining ?? (inv.IsPaid === true ? 0 : total - paid);
  return { paidCents: paid, balanceCents: balance };
}

/** The deal user fields the mapping names for the amount paid and the balance ("123.45"); undefined when it names none. Pure. */
function paymentFields(inv: InvoiceRet, o: MappingOptions): Record<string, string> | undefined {
  if (o.dealAmountPaidField === null && o.dealBalanceField === null) return undefined;
  const { paidCents, balanceCents } = invoicePayment(inv);
  return {
    ...(o.dealAmountPaidField !== null ? { [o.dealAmountPaidField]: centsToAmount(paidCents) } : {}),
    ...(o.dealBalanceField !== null ? { [o.dealBalanceField]: centsToAmount(balanceCents) } : {}),
  };
}

/**
 * An invoice as a deal: TITLE "Invoice {RefNumber}", OPPORTUNITY = Subtotal (or the total, per mapping), STAGE_ID
 * paid / partly paid / open (invoiceStageId), rows with their sales tax, BEGINDATE = TxnDate, CLOSEDATE = DueDate; lines as product rows. Pure.
 */
export function invoiceToDeal(inv: InvoiceRet, o: MappingOptions, links: DealLinks): DealPlan {
  return {
    deal: baseDeal(inv, 'Invoice', invoiceStageId(inv, o), o, links),
    rows: txnRows(inv, links),
    ...withPaymentFields(paymentFields(inv, o)),
  };
}

const withPaymentFields = (f: Record<string, string> | undefined): { userFields?: Record<string, string> } => (f === undefined ? {} : { userFields: f });

/** An estimate as a deal in the estimate stage: TITLE "Estimate {RefNumber}", OPPORTUNITY = Subtotal. Pure. */
export function estimateToDeal(est: EstimateRet, o: MappingOptions, links: DealLinks): DealPlan {
  return { deal: baseDeal(est, 'Estimate', o.estimateStageId, o, links), rows: txnRows(est, links) };
}
