import { YOUNG_GENERATION_FLAG } from '../../apps/connector/dist/common/heap-mode.js';
import { startBitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { buildSoapRequest, postSoap } from '@qb-b24/qbwc-driver';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchFigure } from './index.js';
import { RawHttpConnection } from './support-raw-http.js';
import { nextMessage, startServiceChild } from './support-service-child.js';

const bench = 'soap-floor';
const CONCURRENT = 50;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? '20');
const CALLS_PER_RUN = 4;

interface Load {
  readonly cpuPerCallMs: number;
  readonly p50: number;
  readonly p99: number;
  readonly calls: number;
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * 50 keep-alive clients, each sending serverVersion four times in a row per round (the soap-concurrent pattern with
 * the simplest call): the server's CPU per call and the latency the clients see. Five rounds warm up first.
 */
async function load(url: string, cpuMicros: () => Promise<number>): Promise<Load> {
  const envelope = buildSoapRequest('serverVersion', [], { style: 'soap', pretty: false });
  const connections = Array.from({ length: CONCURRENT }, () => new RawHttpConnection(new URL(url)));
  const latencies: number[] = [];
  const round = async (): Promise<void> => {
    await Promise.all(
      connections.map(async (c) => {
        for (let i = 0; i < CALLS_PER_RUN; i += 1) {
          const t0 = performance.now();
          const res = await postSoap(url, 'serverVersion', envelope, c.fetch);
          if (res.status !== 200) throw new Error(`serverVersion: HTTP ${res.status}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
  };
  try {
    for (let i = 0; i < 5; i += 1) await round();
    latencies.length = 0;
    const cpu0 = await cpuMicros();
    for (let i = 0; i < ROUNDS; i += 1) await round();
    const cpu = (await cpuMicros()) - cpu0;
    const sorted = [...latencies].sort((a, b) => a - b);
    return { cpuPerCallMs: cpu / 1000 / sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), calls: sorted.length };
  } finally {
    connections.forEach((c) => c.close());
  }
}

const text = (l: Load): string =>
  `${l.cpuPerCallMs.toFixed(3)} ms CPU per call; latency p50 / p99 ${l.p50.toFixed(1)} / ${l.p99.toFixed(1)} ms (${l.calls} calls)`;

/**
 * What the service adds to the cheapest Web Connector call: a bare Fastify route on this machine (its own process,
 * the service's V8 settings, common/heap-mode.ts) against the service's serverVersion, same clients, same pattern. The gap is
 * what the service's own work per call costs (Nest, hooks, body reader, SOAP reader, metrics, GC); the floor is the
 * kernel and Node's HTTP, which no change to the service removes.
 */
export async function run(): Promise<BenchFigure[]> {
  const floorChild = fork(path.join(import.meta.dirname, 'soap-floor.child.js'), [], {
    execArgv: [YOUNG_GENERATION_FLAG],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-bench-floor-'));
  const portal = await startBitrix24Portal({ rateLimit: { enabled: false, capacity: 50, drainPerSecond: 2 } });
  try {
    const ready = await nextMessage(floorChild, 'ready');
    const floor = await load(`${String(ready['url'])}/qbwc`, async () => {
      const usage = nextMessage(floorChild, 'usage');
      floorChild.send('usage');
      return Number((await usage)['cpuMicros']);
    });
    const service = await startServiceChild(portal.webhookUrl, path.join(dir, 'connector.sqlite'), true);
    let ours: Load;
    try {
      // The stall window is what BENCH_CPU_PROFILE_DIR profiles (support-window-profiler.ts): the service's calls only.
      await service.resetStalls();
      ours = await load(`${service.url}/qbwc`, () => service.cpuMicros());
      await service.stalls();
    } finally {
      await service.stop();
    }
    return [
      { bench, figure: `bare Fastify route answering serverVersion, ${CONCURRENT} clients in step`, value: text(floor), target: 'informational (the floor)' },
      {
        bench,
        figure: `the service's serverVersion, same clients`,
        value: `${text(ours)}; ${(ours.cpuPerCallMs / floor.cpuPerCallMs).toFixed(1)}× the floor's CPU`,
        target: 'informational (p99 ≤ 20 ms with 50 in flight needs the mean call near 0.15 ms, soap-concurrent)',
      },
    ];
  } finally {
    floorChild.kill('SIGTERM');
    await portal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
