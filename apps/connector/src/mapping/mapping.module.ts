import { Module } from '@nestjs/common';

/** ID mappings between QuickBooks and Bitrix24 records; field mapping functions live in libs/sync-core. */
@Module({})
export class MappingModule {}
