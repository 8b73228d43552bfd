import { Module } from '@nestjs/common';
import { IdMappingRepository } from './id-mapping.repository.js';

/** ID mappings between QuickBooks and Bitrix24 records; field mapping functions live in libs/sync-core. */
@Module({
  providers: [IdMappingRepository],
  exports: [IdMappingRepository],
})
export class MappingModule {}
