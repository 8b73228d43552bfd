import { Inject, Injectable } from '@nestjs/common';
import type { MappingOptions } from '@qb-b24/sync-core';
import { IdMappingService } from '../../mapping/id-mapping.service.js';
import { B24RemovalService } from '../b24-removal.service.js';
import { B24UpsertService } from '../b24-upsert.service.js';
import { MAPPING_OPTIONS } from '../mapping-options.provider.js';
import { UserFieldContextService } from '../user-field-context.service.js';

/**
 * The services every QuickBooks transaction → deal strategy (TxnDealStrategy) works with, injected as one, so a new
 * transaction strategy takes one constructor argument and passes it on instead of repeating five.
 */
@Injectable()
export class TxnDealServices {
  constructor(
    readonly upserts: B24UpsertService,
    readonly mappings: IdMappingService,
    @Inject(MAPPING_OPTIONS) readonly options: MappingOptions,
    readonly removals: B24RemovalService,
    readonly userFields: UserFieldContextService,
  ) {}
}
