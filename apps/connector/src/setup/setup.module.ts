import { Module } from '@nestjs/common';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { MappingModule } from '../mapping/mapping.module.js';
import { QbwcModule } from '../qbwc/qbwc.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { SetupAccessGuard } from './setup-access.guard.js';
import { SetupController } from './setup.controller.js';
import { SetupService } from './setup.service.js';

/** `GET /setup`: the guided connection of Web Connector and Bitrix24, read through the owners' query services. */
@Module({
  imports: [BitrixModule, MappingModule, QbwcModule, SyncModule],
  controllers: [SetupController],
  providers: [SetupService, SetupAccessGuard],
  exports: [SetupService],
})
export class SetupModule {}
