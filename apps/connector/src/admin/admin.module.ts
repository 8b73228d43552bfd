import { Module } from '@nestjs/common';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { MappingModule } from '../mapping/mapping.module.js';
import { QbwcModule } from '../qbwc/qbwc.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { AdminDryRunService } from './admin-dry-run.service.js';
import { AdminErrorsService } from './admin-errors.service.js';
import { AdminMappingController } from './admin-mapping.controller.js';
import { AdminQueueController } from './admin-queue.controller.js';
import { AdminSyncController } from './admin-sync.controller.js';
import { AdminTokenGuard } from './admin-token.guard.js';
import { AdminService } from './admin.service.js';

/** The operator REST API under /admin (Bearer ADMIN_TOKEN); OpenAPI at /docs. Owns no table. */
@Module({
  imports: [SyncModule, MappingModule, BitrixModule, QbwcModule],
  controllers: [AdminQueueController, AdminSyncController, AdminMappingController],
  providers: [AdminService, AdminErrorsService, AdminDryRunService, AdminTokenGuard],
})
export class AdminModule {}
