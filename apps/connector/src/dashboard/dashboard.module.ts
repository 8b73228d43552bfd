import { Module } from '@nestjs/common';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { StatusRepository } from '../health/status.repository.js';
import { StatusService } from '../health/status.service.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';
import { ReconcileController } from './reconcile.controller.js';
import { ReconcileService } from './reconcile.service.js';

/**
 * The operator's page at `/` and `GET /admin/reconcile`. HealthModule exports nothing, so its read-only
 * StatusService/StatusRepository are provided here as well (stateless apart from a one-minute health cache).
 */
@Module({
  imports: [BitrixModule],
  controllers: [DashboardController, ReconcileController],
  providers: [DashboardService, DashboardRepository, ReconcileService, StatusService, StatusRepository, AdminTokenGuard],
})
export class DashboardModule {}
