import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { BitrixModule } from '../bitrix/bitrix.module.js';
import { AppConfig } from '../config/app-config.js';
import { MappingModule } from '../mapping/mapping.module.js';
import { QbwcModule } from '../qbwc/qbwc.module.js';
import { SyncModule } from '../sync/sync.module.js';
import { DbCountSources } from './db-count-sources.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { METRICS_REGISTRY } from './metrics.tokens.js';

/** Prometheus metrics at /metrics, one registry per app instance (never prom-client's global one). */
@Module({
  imports: [BitrixModule, MappingModule, QbwcModule, SyncModule],
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, inject: [AppConfig], useFactory: companyRegistry }, DbCountSources, MetricsService],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule {}

/** When one service hosts several companies, every series carries its company, so the root /metrics can merge them. */
function companyRegistry(config: AppConfig): Registry {
  const registry = new Registry();
  if (config.http.basePath !== '') registry.setDefaultLabels({ company: config.companyId });
  return registry;
}
