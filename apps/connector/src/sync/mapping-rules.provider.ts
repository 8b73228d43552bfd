import type { ValueProvider } from '@nestjs/common';
import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';

/** The company's business rules (the mapping file, README "Mapping file"); inject with @Inject(MAPPING_RULES). */
export const MAPPING_RULES = Symbol('MAPPING_RULES');

/** Built-in defaults; the mapping-file loader replaces this provider's value when a file is in force. */
export const mappingRulesProvider: ValueProvider<MappingRules> = { provide: MAPPING_RULES, useValue: DEFAULT_MAPPING_RULES };
