import type { FactoryProvider } from '@nestjs/common';
import { DEFAULT_MAPPING_OPTIONS, type MappingOptions, type MappingRules } from '@qb-b24/sync-core';
import { MAPPING_RULES } from '../config/mapping-rules.tokens.js';

export const MAPPING_OPTIONS = Symbol('MAPPING_OPTIONS');

/** The mappers' options, derived from the mapping rules in force (ESTIMATE_STAGE_ID is already folded in). Pure. */
export function mappingOptionsFromRules(rules: MappingRules): MappingOptions {
  const stages = rules.deals.stages;
  return {
    ...DEFAULT_MAPPING_OPTIONS,
    currencyId: rules.deals.currency,
    paidStageId: stages.invoicePaid,
    unpaidStageId: stages.invoiceOpen,
    partiallyPaidStageId: stages.invoicePartiallyPaid,
    estimateStageId: stages.estimate,
    salesReceiptStageId: stages.salesReceipt,
    creditMemoStageId: stages.creditMemo,
    creditRemainingField: rules.deals.fields.creditRemaining,
    salesOrderStageId: stages.salesOrder,
    deletedStageId: stages.deleted,
    categoryId: rules.deals.categoryId,
    dealAmount: rules.deals.amount,
    vendorContactTypeId: rules.vendors.contactType,
    dealAmountPaidField: rules.deals.fields.amountPaid,
    dealBalanceField: rules.deals.fields.balance,
  };
}

export const mappingOptionsProvider: FactoryProvider<MappingOptions> = {
  provide: MAPPING_OPTIONS,
  inject: [MAPPING_RULES],
  useFactory: mappingOptionsFromRules,
};
