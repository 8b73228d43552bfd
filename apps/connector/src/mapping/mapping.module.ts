import { Module } from '@nestjs/common';
import { IdMappingQueryService } from './id-mapping-query.service.js';
import { IdMappingRepository } from './id-mapping.repository.js';
import { IdMappingService } from './id-mapping.service.js';

/**
 * ID mappings between QuickBooks and Bitrix24 records; field mapping functions live in libs/sync-core.
 * The sync engine reads and writes links through IdMappingService; everyone else only reads, through
 * IdMappingQueryService.
 */
@Module({
  providers: [IdMappingRepository, IdMappingService, IdMappingQueryService],
  exports: [IdMappingService, IdMappingQueryService],
})
export class MappingModule {}
