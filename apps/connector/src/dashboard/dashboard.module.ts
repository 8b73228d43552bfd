import { Module } from '@nestjs/common';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { HealthModule } from '../health/health.module.js';
import { MappingModule } from '../mapping/mapping.module.js';
import { QbwcModule } from '../qbwc/qbwc.module.js';
import { SetupModule } from '../setup/setup.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';
import { DEFAULT_RECONCILE_BUDGET, RECONCILE_BUDGET } from './reconcile-budget.js';
import { ReconcileController } from './reconcile.controller.js';
import { RecordSearchController } from './record-search.controller.js';
import { RecordSearchService } from './record-search.service.js';
import { ReconcileService } from './reconcile.service.js';

/** The operator's page at `/` and `GET /admin/reconcile`, built on HealthModule's status and the owners' query services. */
@Module({
  imports: [BitrixModule, HealthModule, MappingModule, QbwcModule, SyncModule, SetupModule],
  controllers: [DashboardController, ReconcileController, RecordSearchController],
  providers: [DashboardService, ReconcileService, RecordSearchService, AdminTokenGuard, { provide: RECONCILE_BUDGET, useValue: DEFAULT_RECONCILE_BUDGET }],
})
export class DashboardModule {}
