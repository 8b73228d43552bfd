import type { DataExtRet, LinkedTxnRet, RefRet, TxnRetBase } from './rets.type.js';

/** The sales documents beyond invoices and estimates, and received payments (issue 16; qbxml.md §4.6–§4.9). */
/**
 * A cash sale (qbxml.md §4.7): paid when recorded, so no balance, paid flag or LinkedTxn. TotalAmount = Subtotal +
 * SalesTaxTotal. Its LinkedTxn is always empty (SalesReceiptQuery cannot ask for links).
 */
export interface SalesReceiptRet extends TxnRetBase {
  readonly IsPending?: boolean;
  readonly CheckNumber?: string;
  readonly PaymentMethodRef?: RefRet;
  readonly ShipDate?: string;
  readonly ShipMethodRef?: RefRet;
  /** cents */
  readonly TotalAmount?: number;
  readonly IsToBePrinted?: boolean;
  readonly DepositToAccountRef?: RefRet;
}

/** A credit memo (qbxml.md §4.8): TotalAmount = Subtotal + SalesTaxTotal; CreditRemaining drops as the credit is used. */
export interface CreditMemoRet extends TxnRetBase {
  readonly ARAccountRef?: RefRet;
  readonly IsPending?: boolean;
  readonly ShipDate?: string;
  readonly ShipMethodRef?: RefRet;
  /** cents */
  readonly TotalAmount?: number;
  /** cents: the credit not yet applied to an invoice or refunded */
  readonly CreditRemaining?: number;
  readonly IsToBePrinted?: boolean;
}

/**
 * SalesOrderRet (qbxml.md §4.9): no balance or paid fields; IsFullyInvoiced once every line is invoiced,
 * IsManuallyClosed when the user closed it although not everything was invoiced.
 */
export interface SalesOrderRet extends TxnRetBase {
  readonly ShipDate?: string;
  readonly ShipMethodRef?: RefRet;
  /** cents */
  readonly TotalAmount?: number;
  readonly IsManuallyClosed?: boolean;
  readonly IsFullyInvoiced?: boolean;
  readonly IsToBePrinted?: boolean;
}

/** One application of a payment (qbxml.md §4.6): Amount = the part of this payment applied; BalanceRemaining = that transaction's open balance. */
export interface AppliedToTxnRet {
  readonly TxnID: string;
  /** Invoice, CreditMemo, … (LinkedTxn's enum) */
  readonly TxnType: string;
  readonly TxnDate?: string;
  readonly RefNumber?: string;
  /** cents */
  readonly BalanceRemaining?: number;
  /** cents */
  readonly Amount?: number;
  /** cents */
  readonly DiscountAmount?: number;
  /** the other transactions linked to that invoice (earlier payments, credits) */
  readonly LinkedTxn: readonly LinkedTxnRet[];
}

/** A customer payment (qbxml.md §4.6): no lines; its applications are AppliedToTxnRet. */
export interface ReceivePaymentRet {
  readonly TxnID: string;
  readonly TimeCreated: string;
  readonly TimeModified: string;
  readonly EditSequence: string;
  readonly TxnNumber?: number;
  readonly CustomerRef: RefRet;
  readonly ARAccountRef?: RefRet;
  readonly TxnDate: string;
  readonly RefNumber?: string;
  /** cents */
  readonly TotalAmount?: number;
  readonly CurrencyRef?: RefRet;
  readonly ExchangeRate?: string;
  readonly PaymentMethodRef?: RefRet;
  readonly Memo?: string;
  readonly DepositToAccountRef?: RefRet;
  /** cents: the part of TotalAmount applied to nothing */
  readonly UnusedPayment?: number;
  /** cents: credit left over after this payment's SetCredit */
  readonly UnusedCredits?: number;
  readonly ExternalGUID?: string;
  readonly AppliedToTxnRet: readonly AppliedToTxnRet[];
  readonly DataExtRet: readonly DataExtRet[];
}
