import { Module } from '@nestjs/common';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { HealthController } from './health.controller.js';
import { StatusRepository } from './status.repository.js';
import { StatusService } from './status.service.js';

@Module({
  imports: [BitrixModule],
  controllers: [HealthController],
  providers: [StatusService, StatusRepository],
  exports: [StatusService, StatusRepository],
})
export class HealthModule {}
