/**
 * Switches for behaviour the reference marks **unknown** or **unconfirmed**, so the product can be tested against
 * every plausible QuickBooks. Defaults are listed in README "Documented vs unknown".
 */
export interface QuickBooksVariants {
  /**
   * What applying (or deleting) a payment does to the invoice (qbxml.md §5.6, "Answer: unknown"):
   * 'modified' (a) TimeModified and EditSequence move; 'findable' (b) they stay but ModifiedDateRangeFilter still
   * returns the invoice; 'untouched' (c) neither. Default 'modified'.
   */
  readonly paymentTouchesInvoice: 'modified' | 'findable' | 'untouched';
  /** Status for DataExtAdd/Mod of a name with no definition for that object type (§4.10: 3120 or 3140). Default 3140. */
  readonly dataExtUndefinedStatus: 3120 | 3140;
  /** A public custom-field value over 30 characters (§4.10, unconfirmed): stored as sent, or refused with 3070. Default 'accept'. */
  readonly customFieldOver30: 'accept' | 'reject';
  /** Whether InvoiceAdd's LinkToTxnID accepts an Estimate (§4.9, unconfirmed). Default true. */
  readonly invoiceLinksEstimate: boolean;
}

export const DEFAULT_VARIANTS: QuickBooksVariants = {
  paymentTouchesInvoice: 'modified',
  dataExtUndefinedStatus: 3140,
  customFieldOver30: 'accept',
  invoiceLinksEstimate: true,
};
