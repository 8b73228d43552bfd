import type { ReceivePaymentRet } from '@qb-b24/qbxml';

/** What the sync keeps of a QuickBooks payment: its customer, its unused amount and the invoices it is applied to. */
export interface PaymentFacts {
  readonly qbTxnId: string;
  readonly customerListId: string;
  /** UnusedPayment + UnusedCredits, in cents */
  readonly unusedCents: number;
  readonly invoiceTxnIds: readonly string[];
}

/**
 * The facts of one ReceivePaymentRet (qbxml.md §4.6): the applications of TxnType Invoice (credit memos and other types
 * are not deals' invoices), and UnusedPayment + UnusedCredits as QuickBooks computed them. Pure.
 */
export function paymentFacts(p: ReceivePaymentRet): PaymentFacts {
  return {
    qbTxnId: p.TxnID,
    customerListId: p.CustomerRef.ListID ?? '',
    unusedCents: (p.UnusedPayment ?? 0) + (p.UnusedCredits ?? 0),
    invoiceTxnIds: [...new Set(p.AppliedToTxnRet.filter((a) => a.TxnType === 'Invoice').map((a) => a.TxnID))],
  };
}
