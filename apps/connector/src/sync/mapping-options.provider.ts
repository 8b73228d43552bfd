import type { FactoryProvider } from '@nestjs/common';
import { DEFAULT_MAPPING_OPTIONS, type MappingOptions } from '@qb-b24/sync-core';
import { AppConfig } from '../config/app-config.js';

export const MAPPING_OPTIONS = Symbol('MAPPING_OPTIONS');

/** The default mapping of INTERFACE.md with the configurable parts (estimate stage) from the environment. */
export const mappingOptionsProvider: FactoryProvider<MappingOptions> = {
  provide: MAPPING_OPTIONS,
  inject: [AppConfig],
  useFactory: (config: AppConfig): MappingOptions => ({ ...DEFAULT_MAPPING_OPTIONS, estimateStageId: config.sync.estimateStageId }),
};
