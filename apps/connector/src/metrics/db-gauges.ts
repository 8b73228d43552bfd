import { Gauge, type Registry } from 'prom-client';
import type { CountQuery, DbCountSources } from './db-count-sources.js';

interface GaugeSpec {
  readonly name: string;
  readonly help: string;
  readonly query: CountQuery;
  readonly labels: readonly string[];
}

const SPECS: readonly GaugeSpec[] = [
  { name: 'qbb24_qbwc_sessions', help: 'Web Connector sessions by state (open, closed, expired)', query: 'sessions', labels: ['state'] },
  { name: 'qbb24_id_mappings', help: 'Linked record pairs by QuickBooks and Bitrix24 entity', query: 'mappings', labels: ['qb_entity', 'b24_entity'] },
  {
    name: 'qbb24_records_synced',
    help: 'Sync decisions recorded (sync_log rows) by direction and entity',
    query: 'synced',
    labels: ['direction', 'qb_entity', 'b24_entity'],
  },
  { name: 'qbb24_outbox_rows', help: 'Queue toward QuickBooks by status (dead = dead letters) and entity', query: 'outbox', labels: ['status', 'qb_entity'] },
  { name: 'qbb24_b24_events', help: 'Bitrix24 outbound events received, by processing status and entity', query: 'events', labels: ['status', 'b24_entity'] },
  { name: 'qbb24_sync_errors', help: 'Operator-facing sync errors recorded, by source', query: 'errors', labels: ['source'] },
  { name: 'qbb24_sync_runs', help: 'Sync runs by trigger and final status', query: 'runs', labels: ['trigger', 'status'] },
];

/**
 * Gauges computed from the database at scrape time (`collect()`), so they are right after a restart and
 * agree with /status. A failing query fails the scrape, which Prometheus reports as `up == 0`.
 */
export function registerDbGauges(registry: Registry, repo: DbCountSources): void {
  for (const spec of SPECS) {
    const gauge: Gauge = new Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: [...spec.labels],
      registers: [registry],
      async collect() {
        const rows = await repo.counts(spec.query);
        gauge.reset();
        for (const row of rows) {
          const labels: Record<string, string> = {};
          for (const l of spec.labels) labels[l] = row.labels[l] ?? 'none';
          gauge.set(labels, row.n);
        }
      },
    });
  }
  const dead: Gauge = new Gauge({
    name: 'qbb24_dead_letters',
    help: 'Queue rows that failed permanently and wait for an operator (POST /admin/queue/:id/requeue)',
    registers: [registry],
    async collect() {
      const rows = await repo.counts('outbox');
      dead.set(rows.filter((r) => r.labels['status'] === 'dead').reduce((n, r) => n + r.n, 0));
    },
  });
}
