/** Portal-specific values the mappers need; the app builds this from its config. */
export interface MappingOptions {
  /** value stored in ORIGINATOR_ID on every record we create (bitrix24.md §5.9) */
  readonly originatorId: string;
  /** CURRENCY_ID used when a QuickBooks record has no (recognised) CurrencyRef */
  readonly currencyId: string;
  readonly paidStageId: string;
  readonly unpaidStageId: string;
  /** an invoice with a payment applied but a balance left (mapping file deals.stages.invoicePartiallyPaid) */
  readonly partiallyPaidStageId: string;
  readonly estimateStageId: string;
  /** a sales receipt's deal (mapping file deals.stages.salesReceipt) */
  readonly salesReceiptStageId: string;
  /** a credit memo's deal (mapping file deals.stages.creditMemo) */
  readonly creditMemoStageId: string;
  /** deal user field that carries a credit memo's CreditRemaining (deals.fields.creditRemaining); null: not written */
  readonly creditRemainingField: string | null;
  /** a sales order not yet fully invoiced (mapping file deals.stages.salesOrder) */
  readonly salesOrderStageId: string;
  /** where a deal goes when its QuickBooks transaction is deleted and the delete policy is "mark" */
  readonly deletedStageId: string;
  /** the deal pipeline (CATEGORY_ID); 0 is the portal's default one and is not sent */
  readonly categoryId: number;
  /** OPPORTUNITY: QuickBooks' Subtotal (before tax) or its total with tax */
  readonly dealAmount: 'subtotal' | 'total';
  /** contact TYPE_ID for vendors (CONTACT_TYPE directory, bitrix24.md §5.2) */
  readonly vendorContactTypeId: string;
  /** deal user field for an invoice's amount paid (mapping deals.fields.amountPaid); null = not written */
  readonly dealAmountPaidField: string | null;
  /** deal user field for an invoice's balance (mapping deals.fields.balance); null = not written */
  readonly dealBalanceField: string | null;
}

/** Defaults of INTERFACE.md "Default mapping" (default deal funnel stage codes, bitrix24.md §5.5). */
export const DEFAULT_MAPPING_OPTIONS: MappingOptions = Object.freeze({
  originatorId: 'QUICKBOOKS',
  currencyId: 'USD',
  paidStageId: 'WON',
  unpaidStageId: 'EXECUTING',
  partiallyPaidStageId: 'EXECUTING',
  estimateStageId: 'PREPARATION',
  salesReceiptStageId: 'WON',
  creditMemoStageId: 'APOLOGY',
  creditRemainingField: null,
  salesOrderStageId: 'PREPAYMENT_INVOICE',
  deletedStageId: 'LOSE',
  categoryId: 0,
  dealAmount: 'subtotal',
  vendorContactTypeId: 'SUPPLIER',
  dealAmountPaidField: null,
  dealBalanceField: null,
});
