/** Portal-specific values the mappers need; the app builds this from its config. */
export interface MappingOptions {
  /** value stored in ORIGINATOR_ID on every record we create (bitrix24.md §5.9) */
  readonly originatorId: string;
  /** CURRENCY_ID used when a QuickBooks record has no (recognised) CurrencyRef */
  readonly currencyId: string;
  readonly paidStageId: string;
  readonly unpaidStageId: string;
  readonly estimateStageId: string;
  /** contact TYPE_ID for vendors (CONTACT_TYPE directory, bitrix24.md §5.2) */
  readonly vendorContactTypeId: string;
}

/** Defaults of INTERFACE.md "Default mapping" (default deal funnel stage codes, bitrix24.md §5.5). */
export const DEFAULT_MAPPING_OPTIONS: MappingOptions = Object.freeze({
  originatorId: 'QUICKBOOKS',
  currencyId: 'USD',
  paidStageId: 'WON',
  unpaidStageId: 'EXECUTING',
  estimateStageId: 'PREPARATION',
  vendorContactTypeId: 'SUPPLIER',
});
