import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { Gauge, type Registry } from 'prom-client';
import { AppConfig } from '../config/app-config.js';
import { DbCountSources } from './db-count-sources.js';
import { registerDbGauges } from './db-gauges.js';
import { METRICS_REGISTRY } from './metrics.tokens.js';
import { QbwcHttpMetrics } from './qbwc-http-metrics.js';
import { isQbwcPath, soapOperationLabel } from './soap-operation.js';

/** Registers this app's metrics and hooks the Web Connector routes. */
@Injectable()
export class MetricsService implements OnModuleInit {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly counts: DbCountSources,
    private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    new Gauge({ name: 'qbb24_build_info', help: 'Connector version', labelNames: ['version'], registers: [this.registry] }).set(
      { version: this.config.version },
      1,
    );
    registerDbGauges(this.registry, this.counts);
    const http = new QbwcHttpMetrics(this.registry);
    // A Fastify hook rather than a Nest interceptor: it also sees requests refused before a route runs
    // (413 body too large, 415, SOAP faults), which are exactly the ones an operator wants to count.
    // Route hooks are composed when Fastify becomes ready, which happens after module init.
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // A callback hook, not an async one: it runs on every request, and an async hook costs a promise each time (issue 14).
    fastify.addHook('onResponse', (req, reply, done) => {
      if (isQbwcPath(req.url)) http.observe(soapOperationLabel(req.method, req.url, req.headers['soapaction']), reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
