import { WebConnectorDriver } from '@qb-b24/qbwc-driver';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { companyEnvPrefix } from '../../apps/connector/dist/config/load-companies.js';
import type { BenchFigure } from './index.js';
import { startConnectorProcess } from './support-connector-process.js';
import { type CpuCensus, cpuCensus, cpuDelta, databaseCounters, postmasterPid } from './support-cpu-census.js';
import { fmtSpread, spread } from './support-load-stats.js';
import { braced, Phase, timedFetch } from './support-load-session.js';
import { smallCompany, type SmallCompany } from './support-small-company.js';

const COMPANIES = Number(process.env['BENCH_COMPANIES'] ?? '200');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '20');
/** Web Connectors running sessions back to back at once (each on the next company in turn). */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? '16');
const EVENT_RATE = Number(process.env['BENCH_EVENT_RATE'] ?? '50');
const bench = 'scale-out';

interface Tenant {
  readonly id: string;
  readonly company: SmallCompany;
  readonly password: string;
  readonly token: string;
  readonly ownerId: string;
  readonly fileId: string;
}

interface Run {
  /** From spawning the service until every one of its processes answered (companies started, migrations run). */
  readonly bootSeconds: number;
  readonly seconds: number;
  readonly calls: number;
  readonly webhooks: number;
  /** CPU seconds of each component over the load window (support-cpu-census.ts). */
  readonly cpu: CpuCensus;
  readonly logEvents: string;
  /** PostgreSQL sessions opened and transactions committed in the window (a pool that keeps reconnecting shows here). */
  readonly pgSessions: number;
  readonly pgCommits: number;
  readonly soapPerSecond: number;
  readonly soap: ReturnType<typeof spread>;
  readonly webhook: ReturnType<typeof spread>;
  readonly failed: number;
  readonly sessions: number;
}

async function freshDatabase(base: string): Promise<string> {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Issue 17: the same load on one service of 200 companies (COMPANIES, one PostgreSQL schema each) run as WORKERS=1
 * and as WORKERS=2 (node:cluster, one port): CONCURRENCY Web Connectors run sessions back to back over the
 * companies for BENCH_SECONDS while Bitrix24 event webhooks arrive at BENCH_EVENT_RATE/s, spread over the companies.
 * Bitrix24 is not configured, so this measures the edge (what several processes scale), not a portal's rate limit.
 * Needs PostgreSQL: `bash test/pg/with-postgres.sh npm run bench -- scale-out`. The drivers and the QuickBooks
 * emulators run in this process, on the same machine, so they take CPU from the service too.
 */
export async function run(): Promise<BenchFigure[]> {
  const base = process.env['TEST_DATABASE_URL'];
  if (!base) return [{ bench, figure: 'skipped', value: 'needs PostgreSQL (run under test/pg/with-postgres.sh)', target: '-' }];
  const ids = Array.from({ length: COMPANIES }, (_, i) => `s${String(i + 1).padStart(3, '0')}`);
  const tenants: Tenant[] = ids.map((id, i) => ({
    id,
    company: smallCompany(id, i, { customers: 5, invoices: 3, items: 2 }),
    password: `bench-${id}-${randomBytes(12).toString('hex')}`,
    token: `token-${id}-${randomBytes(6).toString('hex')}`,
    ownerId: braced(randomBytes(16)),
    fileId: braced(randomBytes(16)),
  }));
  const postmaster = await postmasterPid(base);
  const one = await measure(1, tenants, await freshDatabase(base), postmaster);
  const two = await measure(
    2,
    tenants.map((t, i) => ({ ...t, company: smallCompany(t.id, i, { customers: 5, invoices: 3, items: 2 }) })),
    await freshDatabase(base),
    postmaster,
  );
  const ratio = two.soapPerSecond / Math.max(0.001, one.soapPerSecond);
  const row = (label: string, a: string, b: string, target: string): BenchFigure => ({
    bench,
    figure: label,
    value: `1 process: ${a} | 2 processes: ${b}`,
    target,
  });
  const cores = (r: Run, cpu: number | undefined): string => (cpu === undefined ? 'n/a' : `${cpu.toFixed(1)} s (${(cpu / r.seconds).toFixed(2)} cores)`);
  const serviceCpu = (r: Run): number => [...r.cpu.service.values()].reduce((a, b) => a + b, 0);
  const perProcess = (r: Run): string => [...r.cpu.service.values()].map((c) => c.toFixed(1)).join(' + ');
  const perRequest = (r: Run): string => `${((1000 * serviceCpu(r)) / Math.max(1, r.calls + r.webhooks)).toFixed(2)} ms`;
  return [
    row('SOAP calls/s', one.soapPerSecond.toFixed(1), two.soapPerSecond.toFixed(1), `ratio ${ratio.toFixed(2)}× (≥ 1.6× or explained)`),
    row('SOAP p50 / p95 / p99 / max', fmtSpread(one.soap), fmtSpread(two.soap), '-'),
    row('webhook p50 / p95 / p99 / max', fmtSpread(one.webhook), fmtSpread(two.webhook), '-'),
    row('sessions / failed calls', `${one.sessions} / ${one.failed}`, `${two.sessions} / ${two.failed}`, 'no failed call'),
    row('start until every process answers', `${one.bootSeconds.toFixed(1)} s`, `${two.bootSeconds.toFixed(1)} s`, '-'),
    row(
      'CPU in the window: connector processes (each)',
      `${cores(one, serviceCpu(one))} [${perProcess(one)}]`,
      `${cores(two, serviceCpu(two))} [${perProcess(two)}]`,
      '-',
    ),
    row('CPU in the window: PostgreSQL (all backends)', cores(one, one.cpu.postgres), cores(two, two.cpu.postgres), '-'),
    row('CPU in the window: load generator + QuickBooks emulators (bench process)', cores(one, one.cpu.bench), cores(two, two.cpu.bench), '-'),
    row('CPU in the window: whole machine (other sessions too)', cores(one, one.cpu.machine), cores(two, two.cpu.machine), '-'),
    row('connector CPU per request (SOAP call or webhook)', perRequest(one), perRequest(two), '-'),
    row('PostgreSQL sessions opened / transactions in the window', `${one.pgSessions} / ${one.pgCommits}`, `${two.pgSessions} / ${two.pgCommits}`, '-'),
    row('service warn/error log lines', one.logEvents, two.logEvents, 'none'),
  ];
}

async function measure(workers: number, tenants: readonly Tenant[], databaseUrl: string, postmaster: number | undefined): Promise<Run> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-scale-bench-'));
  const env: Record<string, string> = {
    COMPANIES: tenants.map((t) => t.id).join(','),
    DATABASE_URL: databaseUrl,
    DATA_DIR: path.join(dir, 'data'),
    WORKERS: String(workers),
    ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
    LOG_LEVEL: 'warn',
    B24_POLL_SECONDS: '0',
    QB_TIME_ZONE: 'America/New_York',
    // One pooled connection per company in each process: 2 processes × 200 companies hold 400 connections (plus one
    // per process for ownership); test/pg/with-postgres.sh allows 500.
    DATABASE_POOL_SIZE: '1',
  };
  for (const t of tenants) {
    const p = companyEnvPrefix(t.id);
    env[`${p}QBWC_PASSWORD`] = t.password;
    env[`${p}QB_COMPANY_FILE`] = t.company.qb.companyFilePath;
    env[`${p}BITRIX24_APPLICATION_TOKEN`] = t.token;
  }
  // Starting 200 companies (a schema and its migrations each) takes minutes on a busy machine.
  const spawned = performance.now();
  const service = await startConnectorProcess(dir, env, 1_200_000);
  await allWorkersServing(service.url, tenants[0]?.id ?? '', workers);
  const bootSeconds = (performance.now() - spawned) / 1000;
  await warmEveryProcess(service.url, tenants, workers);
  const phase = new Phase();
  const webhookMs: number[] = [];
  let sessions = 0;
  try {
    let next = 0;
    const counted = await databaseCounters(databaseUrl);
    const before = cpuCensus(service.pid, postmaster);
    const started = performance.now();
    const until = started + SECONDS * 1000;
    const connector = async (): Promise<void> => {
      while (performance.now() < until) {
        const t = tenants[next % tenants.length];
        next += 1;
        if (!t) return;
        const driver = new WebConnectorDriver({
          appUrl: `${service.url}/companies/${t.id}/qbwc`,
          username: `qbconnector-${t.id}`,
          password: t.password,
          processor: t.company.qb,
          ownerId: t.ownerId,
          fileId: t.fileId,
          sleep: async () => undefined,
          envelopeStyle: 'soap',
          fetch: timedFetch(() => phase),
        });
        await driver.runSession().catch(() => undefined);
        sessions += 1;
      }
    };
    const events = async (): Promise<void> => {
      const inFlight: Promise<void>[] = [];
      for (let i = 0; performance.now() < until; i += 1) {
        const due = started + (i * 1000) / EVENT_RATE;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const t = tenants[i % tenants.length];
        if (!t) break;
        const body = new URLSearchParams({
          event: 'ONCRMCONTACTUPDATE',
          'data[FIELDS][ID]': String(1 + i),
          ts: String(1_800_000_000 + i),
          'auth[application_token]': t.token,
        });
        const t0 = performance.now();
        inFlight.push(
          fetch(`${service.url}/companies/${t.id}/bitrix24/webhook`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: body.toString(),
          })
            .then(async (res) => {
              await res.text();
              if (res.status !== 200) phase.failedCalls += 1;
              webhookMs.push(performance.now() - t0);
            })
            .catch(() => {
              phase.failedCalls += 1;
            }),
        );
      }
      await Promise.all(inFlight);
    };
    await Promise.all([...Array.from({ length: CONCURRENCY }, () => connector()), events()]);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = cpuDelta(before, cpuCensus(service.pid, postmaster));
    const counters = await databaseCounters(databaseUrl);
    return {
      bootSeconds,
      seconds: elapsed,
      calls: phase.calls,
      webhooks: webhookMs.length,
      cpu,
      logEvents: service.logEvents.toString(),
      pgSessions: counters.sessions - counted.sessions,
      pgCommits: counters.commits - counted.commits,
      soapPerSecond: phase.calls / elapsed,
      soap: spread(phase.latency.all()),
      webhook: spread(webhookMs),
      failed: phase.failedCalls,
      sessions,
    };
  } finally {
    await service.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every company answers once in every process before the window, so no run starts with cold connection pools (the
 * process that answered the readiness checks has warm ones, the other none; opening 200 connections would fall
 * into the measured window of two processes only). Fresh connections, which node:cluster hands out in turn.
 */
async function warmEveryProcess(url: string, tenants: readonly Tenant[], workers: number): Promise<void> {
  for (const t of tenants) {
    const seen = new Set<number>();
    for (let i = 0; i < 8 * workers && seen.size < workers; i += 1) {
      const pid = await servedBy(url, t.id);
      if (pid !== undefined) seen.add(pid);
    }
  }
}

async function servedBy(url: string, companyId: string): Promise<number | undefined> {
  const body = await new Promise<string>((resolve, reject) => {
    http
      .get(`${url}/companies/${companyId}/status`, { agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
  const status = JSON.parse(body) as { served_by?: { pid?: number } };
  return typeof status.served_by?.pid === 'number' ? status.served_by.pid : undefined;
}

/**
 * With WORKERS=N the service answers as soon as its first process listens; the others are still starting their
 * companies (and taking their share of them) and would eat the measured time. Asks on fresh connections (node:cluster
 * hands each to a process in turn) until N different processes answered, bounded at 10 minutes.
 */
async function allWorkersServing(url: string, companyId: string, workers: number): Promise<void> {
  const seen = new Set<number>();
  const deadline = Date.now() + 600_000;
  while (seen.size < workers) {
    if (Date.now() > deadline) throw new Error(`only ${seen.size} of ${workers} processes answered within 10 minutes`);
    const pid = await servedBy(url, companyId);
    if (pid !== undefined) seen.add(pid);
    if (seen.size < workers) await new Promise((r) => setTimeout(r, 250));
  }
}
