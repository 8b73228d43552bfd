import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/connector/dist/app.setup.js';
import { loadConfig } from '../../apps/connector/dist/config/load-config.js';
import type { BenchFigure } from './index.js';

const TOKEN = 'bench-application-token';
const RATE = Number(process.env['WEBHOOK_RATE'] ?? 100);
const SECONDS = Number(process.env['WEBHOOK_SECONDS'] ?? 60);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Bitrix24 event webhooks at a steady rate (default 100/s for 60 s) against the real app on loopback with
 * SQLite: every event must be answered 200 and stored; prints latency percentiles. Processing is not part of
 * the measure (the webhook only stores), which is the point: Bitrix24 waits for nobody.
 */
export async function run(): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-webhook-bench-'));
  const { config } = loadConfig(
    {
      DATABASE_URL: `sqlite:${path.join(dir, 'bench.sqlite')}`,
      QBWC_PASSWORD: 'bench-password-0123456789',
      ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
      BITRIX24_APPLICATION_TOKEN: TOKEN,
      LOG_LEVEL: 'error',
      B24_POLL_SECONDS: '0',
    },
    {
      cwd: dir,
      version: '0.0.0-bench',
      secretStore: () => ({
        getOrCreate: () => {
          throw new Error('the bench passes every secret');
        },
      }),
    },
  );
  const app = await createApp(config, false);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}/bitrix24/webhook`;
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  const total = RATE * SECONDS;
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const body = new URLSearchParams({
      event: 'ONCRMCONTACTUPDATE',
      'data[FIELDS][ID]': String(1 + (i % 5000)),
      ts: String(1_800_000_000 + i),
      'auth[application_token]': TOKEN,
    });
    const t0 = performance.now();
    inFlight.push(
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() })
        .then(async (res) => {
          await res.text();
          if (res.status !== 200) errors += 1;
          latencies.push(performance.now() - t0);
        })
        .catch(() => {
          errors += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  const rows: unknown = await app.get(DataSource).query('SELECT COUNT(*) AS n FROM b24_event');
  const stored = Array.isArray(rows) ? Number((rows[0] as { n?: unknown } | undefined)?.n ?? 0) : 0;
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  const bench = 'webhook-load';
  return [
    { bench, figure: `events sent at ${RATE}/s for ${SECONDS} s`, value: `${total} in ${elapsed.toFixed(1)} s`, target: `${RATE}/s sustained` },
    { bench, figure: 'errors / stored events', value: `${errors} / ${stored}`, target: `0 / ${total}` },
    {
      bench,
      figure: 'webhook latency p50 / p99 / max',
      value: `${percentile(latencies, 50).toFixed(1)} / ${percentile(latencies, 99).toFixed(1)} / ${Math.max(...latencies).toFixed(1)} ms`,
      target: 'informational',
    },
  ];
}
