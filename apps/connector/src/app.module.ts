import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminModule } from './admin/admin.module.js';
import { BackupModule } from './backup/backup.module.js';
import { BitrixModule } from './bitrix/bitrix.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { MappingModule } from './mapping/mapping.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { OwnershipModule } from './ownership/ownership.module.js';
import { QbwcModule } from './qbwc/qbwc.module.js';
import { SetupModule } from './setup/setup.module.js';
import { SyncModule } from './sync/sync.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        DatabaseModule.forRoot(config),
        OwnershipModule,
        MappingModule,
        BitrixModule,
        SyncModule,
        QbwcModule,
        HealthModule,
        AdminModule,
        DashboardModule,
        MetricsModule,
        BackupModule,
        SetupModule,
      ],
    };
  }
}
