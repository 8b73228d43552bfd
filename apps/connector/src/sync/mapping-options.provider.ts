import type { FactoryProvider } from '@nestjs/common';
import { DEFAULT_MAPPING_OPTIONS, DEFAULT_MAPPING_RULES, type MappingOptions, type MappingRules } from '@qb-b24/sync-core';
import { AppConfig } from '../config/app-config.js';
import { MAPPING_RULES } from './mapping-rules.provider.js';

export const MAPPING_OPTIONS = Symbol('MAPPING_OPTIONS');

/** What the pure mappers need, from the mapping rules. The estimate stage's older env setting applies while the rules keep the default. */
export function mappingOptionsFrom(rules: MappingRules, envEstimateStageId: string): MappingOptions {
  const stages = rules.deals.stages;
  return {
    ...DEFAULT_MAPPING_OPTIONS,
    currencyId: rules.deals.currency,
    paidStageId: stages.invoicePaid,
    unpaidStageId: stages.invoiceOpen,
    partiallyPaidStageId: stages.invoicePartiallyPaid,
    estimateStageId: stages.estimate === DEFAULT_MAPPING_RULES.deals.stages.estimate ? envEstimateStageId : stages.estimate,
    deletedStageId: stages.deleted,
    categoryId: rules.deals.categoryId,
    dealAmount: rules.deals.amount,
    vendorContactTypeId: rules.vendors.contactType,
  };
}

export const mappingOptionsProvider: FactoryProvider<MappingOptions> = {
  provide: MAPPING_OPTIONS,
  inject: [AppConfig, MAPPING_RULES],
  useFactory: (config: AppConfig, rules: MappingRules): MappingOptions => mappingOptionsFrom(rules, config.sync.estimateStageId),
};
