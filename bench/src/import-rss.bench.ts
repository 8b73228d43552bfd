import { startBitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { WebConnectorDriver } from '@qb-b24/qbwc-driver';
import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchFigure } from './index.js';
import { BENCH_FILE_ID, BENCH_OWNER_ID, BENCH_PASSWORD } from './support-bench-app.js';
import { mib } from './support-load-stats.js';
import { procRss, procRssSampler } from './support-proc-stats.js';
import { startServiceChild } from './support-service-child.js';

/** Customers (and as many invoices) of the small import; the large one is ten times that (≈10k vs ≈100k records). */
// 1,500 keeps the run short on a shared 2-core machine; BENCH_RSS_SCALE=5000 measures the 10k vs 100k
// (8-13 minutes on 2026-12-07 at load 4-9, most of it the 100k-record Web Connector session).
const SMALL = Number(process.env['BENCH_RSS_SCALE'] ?? '1500');
const bench = 'import-rss';

interface ImportRss {
  readonly records: number;
  readonly bootRss: number | undefined;
  readonly peakRss: number | undefined;
  readonly endRss: number | undefined;
  readonly sessionMs: number;
  readonly drainMs: number;
  readonly stored: number;
  readonly outcome: string;
  /** The service's heap and off-heap memory once the worker was idle (process.memoryUsage in the child). */
  readonly heapUsed: number;
  readonly external: number;
  /** process.memoryUsage() in the service when its RSS peaked (sampled every 100 ms). */
  readonly atPeak: { rss: number; heapTotal: number; heapUsed: number; external: number } | undefined;
}

/**
 * One first import of the sample company scaled to `customers` customers + as many invoices, with the service in
 * its own process (import-rss.child.ts) and its RSS read from /proc while the Web Connector session runs and the
 * worker writes everything to Bitrix24.
 */
async function importOnce(customers: number): Promise<ImportRss> {
  const qb = generateSampleCompany({ scale: { customers, invoices: customers } });
  // The portal's own limit is off: the service's client still paces itself at 2/s, but on a virtual clock in
  // the child, so the portal (on the real clock) would refuse what the client believes is allowed.
  const portal = await startBitrix24Portal({ rateLimit: { enabled: false, capacity: 50, drainPerSecond: 2 } });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-rss-'));
  const service = await startServiceChild(portal.webhookUrl, path.join(dir, 'rss.sqlite'), false);
  try {
    const pid = service.pid;
    const bootRss = procRss(pid)?.rss;
    const sampler = procRssSampler(pid);
    const t0 = performance.now();
    const driver = new WebConnectorDriver({
      appUrl: `${service.url}/qbwc`,
      username: 'qbconnector',
      password: BENCH_PASSWORD,
      processor: qb,
      ownerId: BENCH_OWNER_ID,
      fileId: BENCH_FILE_ID,
      sleep: async () => undefined,
    });
    const result = await driver.runSession();
    const sessionMs = performance.now() - t0;
    const usage = await service.drain();
    const drainMs = performance.now() - t0 - sessionMs;
    const peakRss = sampler.peak();
    sampler.stop();
    const stored = portal.list('contact').length + portal.list('company').length + portal.list('deal').length + portal.list('product').length;
    return {
      records: qb.ids('Customer').length + qb.ids('Invoice').length,
      bootRss,
      peakRss,
      endRss: procRss(pid)?.rss,
      sessionMs,
      drainMs,
      stored,
      outcome: result.outcome,
      heapUsed: Number(usage['heapUsed']),
      external: Number(usage['external']),
      atPeak: usage['atPeak'] as ImportRss['atPeak'],
    };
  } finally {
    await service.stop();
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (bytes: number | undefined): string => (bytes === undefined ? 'n/a' : mib(bytes));

/**
 * Issue #14: the service's own peak RSS during a first import ten times larger (default 50k customers + 50k
 * invoices ≈ 100k records vs 5k + 5k ≈ 10k), which must stay within 1.2× — the import is read in pages and the
 * pages are staged in SQLite, so memory must not grow with the company.
 */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const runs: ImportRss[] = [];
  for (const customers of [SMALL, SMALL * 10]) {
    const r = await importOnce(customers);
    runs.push(r);
    figures.push({
      bench,
      figure: `first import of ${r.records} customers+invoices (service in its own process; portal rate limit off, client at 2/s on a virtual clock): service RSS at boot / peak / after`,
      value: `${fmt(r.bootRss)} / ${fmt(r.peakRss)} / ${fmt(r.endRss)} (${r.outcome}; ${r.stored} Bitrix24 records; session ${(r.sessionMs / 1000).toFixed(1)} s, worker after it ${(r.drainMs / 1000).toFixed(1)} s; live heap ${mib(r.heapUsed)}, external ${mib(r.external)} when idle after a full GC; at the sampled peak RSS ${fmt(r.atPeak?.rss)}: V8 heap ${fmt(r.atPeak?.heapTotal)} committed / ${fmt(r.atPeak?.heapUsed)} used, external ${fmt(r.atPeak?.external)})`,
      target: 'informational',
    });
  }
  const [small, large] = runs;
  const ratio = small?.peakRss !== undefined && large?.peakRss !== undefined ? large.peakRss / small.peakRss : undefined;
  figures.push({
    bench,
    figure: `service peak RSS, ${large?.records ?? '?'}-record import vs ${small?.records ?? '?'}-record import`,
    value: ratio === undefined ? 'n/a (no /proc on this system)' : `${ratio.toFixed(2)}x (${ratio <= 1.2 ? 'met' : 'MISSED'})`,
    target: '<= 1.2x',
  });
  return figures;
}
