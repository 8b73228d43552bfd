import { Module } from '@nestjs/common';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { MappingModule } from '../mapping/mapping.module.js';
import { QbwcModule } from '../qbwc/qbwc.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { HealthController } from './health.controller.js';
import { StatusRepository } from './status.repository.js';
import { StatusService } from './status.service.js';

/** /health and /status, read through the owning modules' query services. */
@Module({
  imports: [BitrixModule, MappingModule, QbwcModule, SyncModule],
  controllers: [HealthController],
  providers: [StatusService, StatusRepository],
  exports: [StatusService],
})
export class HealthModule {}
