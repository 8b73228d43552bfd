import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { StatusRepository } from './status.repository.js';
import { StatusService } from './status.service.js';

@Module({
  controllers: [HealthController],
  providers: [StatusService, StatusRepository],
})
export class HealthModule {}
