import { Module } from '@nestjs/common';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { HealthModule } from '../health/health.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';
import { DEFAULT_RECONCILE_BUDGET, RECONCILE_BUDGET } from './reconcile-budget.js';
import { ReconcileController } from './reconcile.controller.js';
import { ReconcileService } from './reconcile.service.js';

/** The operator's page at `/` and `GET /admin/reconcile`, built on HealthModule's read-only status. */
@Module({
  imports: [BitrixModule, HealthModule],
  controllers: [DashboardController, ReconcileController],
  providers: [DashboardService, DashboardRepository, ReconcileService, AdminTokenGuard, { provide: RECONCILE_BUDGET, useValue: DEFAULT_RECONCILE_BUDGET }],
})
export class DashboardModule {}
