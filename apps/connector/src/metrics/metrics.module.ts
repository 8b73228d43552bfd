import { Module } from '@nestjs/common';
import { Registry } from 'prom-client';
import { MetricsController } from './metrics.controller.js';
import { MetricsRepository } from './metrics.repository.js';
import { MetricsService } from './metrics.service.js';
import { METRICS_REGISTRY } from './metrics.tokens.js';

/** Prometheus metrics at /metrics, one registry per app instance (never prom-client's global one). */
@Module({
  controllers: [MetricsController],
  providers: [{ provide: METRICS_REGISTRY, useFactory: () => new Registry() }, MetricsRepository, MetricsService],
})
export class MetricsModule {}
