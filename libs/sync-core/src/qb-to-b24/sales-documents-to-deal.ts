import { centsToAmount, type CreditMemoRet, type InvoiceRet, type SalesReceiptRet } from '@qb-b24/qbxml';
import type { MappingOptions } from '../mapping-options.constant.js';
import { baseDeal, txnRows, type DealLinks, type DealPlan } from './txn-to-deal.js';

/**
 * A sales receipt as a deal: paid when recorded (qbxml.md §4.7), so always in the sales-receipt stage (default WON);
 * TITLE "Sales receipt {RefNumber}", amount, rows and tax exactly as an invoice's. Pure.
 */
export function salesReceiptToDeal(sr: SalesReceiptRet, o: MappingOptions, links: DealLinks): DealPlan {
  return { deal: baseDeal(sr, 'Sales receipt', o.salesReceiptStageId, o, links), rows: txnRows(sr, links) };
}

/**
 * A credit memo as a deal in the credit-memo stage: TITLE "Credit memo {RefNumber}", rows and tax as an invoice's,
 * and the credit still available (CreditRemaining, qbxml.md §4.8) in the user field the mapping names. Pure.
 */
export function creditMemoToDeal(cm: CreditMemoRet, o: MappingOptions, links: DealLinks): DealPlan {
  const field = o.creditRemainingField;
  return {
    deal: baseDeal(cm, 'Credit memo', o.creditMemoStageId, o, links),
    rows: txnRows(cm, links),
    ...(field !== null ? { userFields: { [field]: centsToAmount(cm.CreditRemaining ?? 0) } } : {}),
  };
}

/**
 * Whether QuickBooks voided the transaction: TxnVoid keeps it but zeroes its amounts (qbxml.md §5.7). A void's
 * exact look is unconfirmed, so the test is the total: zero while some line still names an item. The UI's
 * "VOID:" memo prefix counts too. An invoice has no TotalAmount; its total is Subtotal + SalesTaxTotal (§4.4). Pure.
 */
export function isVoided(txn: SalesReceiptRet | CreditMemoRet | InvoiceRet): boolean {
  const total = 'TotalAmount' in txn && txn.TotalAmount !== undefined ? txn.TotalAmount : (txn.Subtotal ?? 0) + (txn.SalesTaxTotal ?? 0);
  if (txn.Memo?.startsWith('VOID:') === true && total === 0) return true;
  const lines = txn.lines.flatMap((l) => (l.lineType === 'item' ? [l] : l.lines));
  return total === 0 && lines.some((l) => l.ItemRef !== undefined) && lines.every((l) => (l.Amount ?? 0) === 0);
}
