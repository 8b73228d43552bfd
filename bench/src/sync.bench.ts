import { STANDARD_RATE_LIMIT, VirtualClock } from '@qb-b24/bitrix24-client';
import { startBitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { WebConnectorDriver } from '@qb-b24/qbwc-driver';
import { generateSampleCompany, LIST_KINDS, TXN_KINDS, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { B24SyncWorkerService } from '../../apps/connector/dist/sync/b24-sync-worker.service.js';
import type { BenchFigure } from './index.js';
import { shortSoapSession } from './support-soap-session.js';
import { BENCH_FILE_ID as FILE_ID, BENCH_OWNER_ID as OWNER_ID, BENCH_PASSWORD as PASSWORD, startBenchApp } from './support-bench-app.js';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '10000');
const SOAP_SEQUENTIAL_SESSIONS = 1000;

/** Peak RSS of this process between start() and stop(), sampled every 50 ms (RSS includes both emulators). */
function rssSampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function percentile(samples: readonly number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

function qbRecordCount(qb: QuickBooksCompany): number {
  const lists = LIST_KINDS.filter((k) => k === 'Customer' || k === 'Vendor' || k.startsWith('Item'));
  return [...lists, ...TXN_KINDS].reduce((n, k) => n + qb.ids(k).length, 0);
}

/**
 * The client's sleeps on the virtual clock, counting those that began while another was still pending: the
 * VirtualClock adds concurrent sleeps up, so their sum is virtual time that real time would have overlapped.
 */
function overlappingSleeps(clock: VirtualClock): { sleep: (ms: number) => Promise<void>; count: () => number; ms: () => number } {
  let pending = 0;
  let count = 0;
  let ms = 0;
  return {
    sleep: async (wait) => {
      if (pending > 0 && wait > 0) {
        count += 1;
        ms += wait;
      }
      pending += 1;
      try {
        await clock.sleep(wait);
      } finally {
        pending -= 1;
      }
    },
    count: () => count,
    ms: () => ms,
  };
}

async function parseRss(customers: number): Promise<{ peakRss: number; baselineRss: number; ms: number; refused?: string }> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(import.meta.dirname, 'parse-rss.child.js'), String(customers)], {
    maxBuffer: 1024 * 1024,
  });
  const parsed: unknown = JSON.parse(stdout.trim());
  if (typeof parsed !== 'object' || parsed === null || !('peakRss' in parsed) || !('baselineRss' in parsed) || !('ms' in parsed))
    throw new Error(`bad child output: ${stdout}`);
  const refused = 'refused' in parsed ? String(parsed.refused) : undefined;
  return { peakRss: Number(parsed.peakRss), baselineRss: Number(parsed.baselineRss), ms: Number(parsed.ms), ...(refused !== undefined ? { refused } : {}) };
}

/**
 * Issue #7: a full first import of the sample company scaled to BENCH_SCALE customers + invoices (default 10,000)
 * through real HTTP (Web Connector driver → connector → Bitrix24 portal emulator with the STANDARD limit), a
 * no-change second run, SOAP latency, and the qbXML parser's peak RSS at 10k vs 100k customers. With `realPayments`
 * (sync-payments.bench.ts, issue 16) about half the invoices are paid by real ReceivePayment transactions, whose
 * invoices the session re-reads; only the import and the no-change run are measured then.
 */
export async function run(options: { readonly realPayments?: boolean } = {}): Promise<BenchFigure[]> {
  const payments = options.realPayments === true;
  const bench = payments ? 'sync-payments' : 'sync';
  const figures: BenchFigure[] = [];
  const genStart = performance.now();
  const qb = generateSampleCompany({ scale: { customers: SCALE, invoices: SCALE }, ...(payments ? { realPayments: true } : {}) });
  const records = qbRecordCount(qb);
  const genMs = performance.now() - genStart;
  const clock = new VirtualClock();
  const overlap = overlappingSleeps(clock);
  const portal = await startBitrix24Portal({ clock, rateLimit: { enabled: true, ...STANDARD_RATE_LIMIT } });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-bench-'));
  const { app, url } = await startBenchApp(portal.webhookUrl, clock, path.join(dir, 'bench.sqlite'), overlap.sleep);
  try {
    const driver = (): WebConnectorDriver =>
      new WebConnectorDriver({
        appUrl: `${url}/qbwc`,
        username: 'qbconnector',
        password: PASSWORD,
        processor: qb,
        ownerId: OWNER_ID,
        fileId: FILE_ID,
        sleep: async () => undefined,
      });

    // Web Connector calls only stage QuickBooks pages; the background worker writes them to Bitrix24. The import
    // is over when the worker is idle, so every figure below is taken after draining it (as the e2e harness does).
    const worker = app.get(B24SyncWorkerService);
    const rss = rssSampler();
    const virtualStart = clock.now();
    const wallStart = performance.now();
    const first = await driver().runSession();
    const sessionMs = performance.now() - wallStart;
    await worker.drain({ retryNow: true });
    const wallMs = performance.now() - wallStart;
    const virtualMs = clock.now() - virtualStart;
    const peakRss = rss.stop();
    if (first.outcome !== 'completed') throw new Error(`first import ended ${first.outcome}: ${first.statusText}`);
    const calls = portal.calls.length;
    const rejected = portal.calls.filter((c) => c.httpStatus === 503).length;
    const listCalls = portal.calls.filter((c) => c.method.endsWith('.list')).length;
    const floorMs = (Math.max(0, calls - STANDARD_RATE_LIMIT.capacity) * 1000) / STANDARD_RATE_LIMIT.drainPerSecond;
    const stored = portal.list('contact').length + portal.list('company').length + portal.list('deal').length + portal.list('product').length;

    // Which methods the calls went to, so a change in the count can be traced (start-up checks included).
    const byMethod = new Map<string, number>();
    for (const c of portal.calls) byMethod.set(c.method, (byMethod.get(c.method) ?? 0) + 1);
    const methodSummary = [...byMethod]
      .sort((a, b) => b[1] - a[1])
      .map(([m, n]) => `${m} ${n}`)
      .join(', ');

    figures.push(
      { bench, figure: 'Bitrix24 calls by method (first import, start-up checks included)', value: methodSummary, target: 'informational' },
      {
        bench,
        figure: `QB records (scale ${SCALE}${payments ? `, ${qb.ids('ReceivePayment').length} payments` : ''}; generated in ${secs(genMs)})`,
        value: String(records),
        target: 'informational',
      },
      // Payments become no Bitrix24 record of their own (they move their invoices' deals).
      { bench, figure: 'Bitrix24 records after first import', value: String(stored), target: `>= ${records - qb.ids('ReceivePayment').length}` },
      {
        bench,
        figure: 'Bitrix24 HTTP calls per synced record',
        value: `${(calls / records).toFixed(4)} (${calls} calls, ${listCalls} list, ${rejected} rejected 503)`,
        target: payments ? '<= 0.035 (issue 16)' : '<= 0.034 (before the worker; issue #7 asked 0.03)',
      },
      {
        bench,
        figure: 'QBWC round trips per 1,000 QB records',
        value: `${((first.rounds * 1000) / records).toFixed(2)} (${first.rounds} sendRequestXML+receiveResponseXML pairs)`,
        target: '<= 3',
      },
      {
        bench,
        figure: 'first import wall time until the worker is idle (virtual clock for the rate limit) / of it the Web Connector session',
        value: `${secs(wallMs)} / ${secs(sessionMs)}`,
        target: 'informational',
      },
      {
        bench,
        figure: 'first import virtual time vs rate-limit floor (50 burst, 2/s)',
        value: `${secs(virtualMs)} vs floor ${secs(floorMs)} (${floorMs === 0 ? 'n/a' : `${(virtualMs / floorMs).toFixed(3)}x`}); ${overlap.count()} sleeps overlapped another (${secs(overlap.ms())})`,
        target: payments ? '<= 1.05x (issue 16)' : '<= 1.2x',
      },
      { bench, figure: 'peak RSS during first import (bench process: app + both emulators)', value: mib(peakRss), target: 'informational' },
    );

    portal.resetCalls();
    const secondStart = performance.now();
    const second = await driver().runSession();
    await worker.drain({ retryNow: true });
    const secondMs = performance.now() - secondStart;
    const writes = portal.calls.filter((c) => c.method === 'batch' || /\.(add|update|delete|set)$/.test(c.method)).length;
    figures.push({
      bench,
      figure: 'second run (no change): Bitrix24 calls / writes',
      value: `${portal.calls.length} / ${writes} (${second.outcome}, ${secs(secondMs)}, ${second.rounds} round trips)`,
      target: '0 / 0',
    });

    if (payments) return figures;
    const latencies: number[] = [];
    for (let i = 0; i < SOAP_SEQUENTIAL_SESSIONS; i += 1) await shortSoapSession(`${url}/qbwc`, latencies);
    // Concurrent sessions doing real work are measured by soap-latency.bench.ts (one company here answers "busy").
    figures.push({
      bench,
      figure: `SOAP latency, ${SOAP_SEQUENTIAL_SESSIONS} sequential sessions (${latencies.length} calls) p50 / p99`,
      value: `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} ms`,
      target: 'informational',
    });
  } finally {
    await app.close();
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }

  // 10k vs 100k at the default scale; a quick BENCH_SCALE run keeps the same 1:10 ratio.
  for (const n of [SCALE, SCALE * 10]) {
    const r = await parseRss(n);
    figures.push({
      bench,
      figure: `qbxml parse of ${n} customers: peak RSS (growth over the XML string) / time`,
      value: r.refused !== undefined ? `refused before parsing: ${r.refused}` : `${mib(r.peakRss)} (+${mib(r.peakRss - r.baselineRss)}) / ${secs(r.ms)}`,
      target: 'informational',
    });
  }
  return figures;
}
