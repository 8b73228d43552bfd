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
import { THIS_PROCESS } from '../ownership/process-identity.js';

/** Prometheus metrics at /metrics, one registry per app instance (never prom-client's global one). */
@Module({
  imports: [BitrixModule, MappingModule, QbwcModule, SyncModule],
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, inject: [AppConfig], useFactory: companyRegistry }, DbCountSources, MetricsService],
  exports: [METRICS_REGISTRY],
})
export class MetricsModule {}

/**
 * When one service hosts several companies, every series carries its company, so the root /metrics can merge them.
 * On PostgreSQL several processes may serve behind one address (WORKERS, a load balancer), and a scrape reaches
 * one of them: every series carries `process` (host/pid), so counters of different processes are never mixed up
 * and `sum by (company)` adds them. Aggregating in one process instead would need a store all processes share.
 */
function companyRegistry(config: AppConfig): Registry {
  const registry = new Registry();
  const labels: Record<string, string> = {};
  if (config.http.basePath !== '') labels['company'] = config.companyId;
  if (config.database.type === 'postgres') labels['process'] = `${THIS_PROCESS.host}/${THIS_PROCESS.pid}`;
  if (Object.keys(labels).length > 0) registry.setDefaultLabels(labels);
  return registry;
}
