import { VirtualClock } from '@qb-b24/bitrix24-client';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { WebConnectorDriver } from '@qb-b24/qbwc-driver';
import { generateSampleCompany, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { B24SyncWorkerService } from '../../apps/connector/dist/sync/b24-sync-worker.service.js';
import type { BenchFigure } from './index.js';
import { BENCH_FILE_ID, BENCH_OWNER_ID, BENCH_PASSWORD, startBenchApp } from './support-bench-app.js';
import { shortSoapSession } from './support-soap-session.js';

const bench = 'soap-concurrent';
const CONCURRENT = 50;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? '20');
const LATE_MS = 500;

const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/**
 * Each round: QuickBooks edits five customers and an invoice, Bitrix24 gets two new contacts (so the worker has
 * pages to send and events to fetch), then a real Web Connector session runs while 50 more Web Connector runs hit the
 * same company at once (they are answered "busy", as QBWC is when another run holds the company). Every call of the
 * 50 is timed, and the real session's calls too.
 */
async function measure(url: string, qb: QuickBooksCompany, portal: Bitrix24Portal, worker: B24SyncWorkerService): Promise<{ short: number[]; real: number[] }> {
  const short: number[] = [];
  const real: number[] = [];
  const customers = qb.ids('Customer');
  const invoices = qb.ids('Invoice');
  for (let round = 0; round < ROUNDS; round += 1) {
    qb.advance(3600_000);
    for (let i = 0; i < 5; i += 1) qb.userEdit(customers[(round * 5 + i) % customers.length] ?? '', { Phone: `555-01${String(round).padStart(2, '0')}${i}` });
    qb.userEdit(invoices[round % invoices.length] ?? '', { Memo: `round ${round}` });
    portal.ui.add('contact', { NAME: `Bench${round}`, LAST_NAME: 'Contact', TYPE_ID: 'CLIENT' });
    portal.ui.add('contact', { NAME: `Bench${round}b`, LAST_NAME: 'Contact', TYPE_ID: 'CLIENT' });
    await portal.idle();
    const driver = new WebConnectorDriver({
      appUrl: `${url}/qbwc`,
      username: 'qbconnector',
      password: BENCH_PASSWORD,
      processor: qb,
      ownerId: BENCH_OWNER_ID,
      fileId: BENCH_FILE_ID,
      sleep: async () => undefined,
      fetch: async (u, init) => {
        const t0 = performance.now();
        const res = await fetch(u, init);
        const text = await res.text();
        real.push(performance.now() - t0);
        return { status: res.status, headers: res.headers, text: async () => text };
      },
    });
    const realRun = driver.runSession();
    await Promise.all(Array.from({ length: CONCURRENT }, () => shortSoapSession(`${url}/qbwc`, short)));
    await realRun;
  }
  // Not timed: the worker catches up before the next scenario starts.
  await worker.drain({ retryNow: true });
  return { short, real };
}

/**
 * Issue #14: a Web Connector call touches only the database, so 50 concurrent Web Connector runs against one company
 * answer fast, and just as fast while every Bitrix24 call takes 500 ms (the worker is busy with them meanwhile).
 */
export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-bench-concurrent-'));
  const portal = await startBitrix24Portal({ rateLimit: { enabled: false, capacity: 50, drainPerSecond: 2 } });
  const qb = generateSampleCompany({ seed: 14, scale: { customers: 200, vendors: 5, items: 10, invoices: 100, estimates: 5 } });
  const { app, url } = await startBenchApp(portal.webhookUrl, new VirtualClock(), path.join(dir, 'connector.sqlite'), async () => undefined);
  const figures: BenchFigure[] = [];
  try {
    portal.setEvents({ handlerUrl: `${url}/bitrix24/webhook`, applicationToken: 'bench-application-token' });
    const worker = app.get(B24SyncWorkerService);
    const first = await new WebConnectorDriver({
      appUrl: `${url}/qbwc`,
      username: 'qbconnector',
      password: BENCH_PASSWORD,
      processor: qb,
      ownerId: BENCH_OWNER_ID,
      fileId: BENCH_FILE_ID,
      sleep: async () => undefined,
    }).runSession();
    if (first.outcome !== 'completed') throw new Error(`first import: ${first.outcome}`);
    await worker.drain({ retryNow: true });
    for (const [name, late] of [
      ['Bitrix24 prompt', false],
      [`every Bitrix24 call ${LATE_MS} ms late`, true],
    ] as const) {
      if (late) portal.injectFault({ kind: 'latency', latencyMs: LATE_MS, count: 1_000_000 });
      const { short, real } = await measure(url, qb, portal, worker);
      const target = late ? 'p99 ≤ 50 ms' : 'p99 ≤ 20 ms';
      const p99 = percentile(short, 99);
      figures.push({
        bench,
        figure: `${name}: ${CONCURRENT} concurrent Web Connector runs on one company, ${ROUNDS} rounds, each beside a real session (${short.length} calls) p50 / p99`,
        value: `${percentile(short, 50).toFixed(1)} / ${p99.toFixed(1)} ms (${p99 <= (late ? 50 : 20) ? 'met' : 'missed'}); the real sessions' ${real.length} calls p50 / p99 ${percentile(real, 50).toFixed(1)} / ${percentile(real, 99).toFixed(1)} ms`,
        target,
      });
    }
  } finally {
    await app.close();
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
