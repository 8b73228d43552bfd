import { Module } from '@nestjs/common';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { MappingModule } from '../mapping/mapping.module.js';
import { AdminHistoryRepository } from './admin-history.repository.js';
import { AdminOutboxRepository } from './admin-outbox.repository.js';
import { AdminQueueController } from './admin-queue.controller.js';
import { AdminSyncController } from './admin-sync.controller.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { AdminService } from './admin.service.js';

/** The operator REST API under /admin (Bearer ADMIN_TOKEN); OpenAPI at /docs. */
@Module({
  imports: [MappingModule, BitrixModule],
  controllers: [AdminQueueController, AdminSyncController],
  providers: [AdminService, AdminOutboxRepository, AdminHistoryRepository, AdminTokenGuard],
})
export class AdminModule {}
