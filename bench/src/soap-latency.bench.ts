import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { cpuPressure } from './support-proc-stats.js';
import type { BenchFigure } from './index.js';
import { startConnectorProcess, type ConnectorProcess } from './support-connector-process.js';
import { fmtSpread, LatencyBook, mib, spread, Tally } from './support-load-stats.js';
import type { ProbeSample } from './support-service-probe.js';
import { loadPhone } from './support-small-company.js';
import { startTenants, tenantDriver, timedFetch, type BenchTenant } from './support-tenants.js';
import { companyDbFile, workerBacklog } from './support-worker-drain.js';

const COMPANIES = Number(process.env['BENCH_COMPANIES'] ?? '50');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '30');
const SIZES = { customers: 300, invoices: 20, items: 3 };
const bench = 'soap-latency';

interface Scenario {
  readonly label: string;
  /** Every Bitrix24 call of every portal is answered this late (the emulator's `latency` fault). */
  readonly b24LatencyMs: number;
  readonly p99TargetMs: number;
}

interface ScenarioFigures {
  readonly importBook: LatencyBook;
  readonly editBook: LatencyBook;
  readonly importMs: number;
  readonly windowMs: number;
  readonly editSessions: number;
  readonly problems: Tally;
  readonly outcomes: Tally;
  readonly afterImport: ProbeSample;
  readonly afterWindow: ProbeSample;
  readonly before: ProbeSample;
  readonly backlogAfterImport: number;
  readonly backlogAfterWindow: number;
  readonly b24Calls: number;
  readonly logEvents: string;
  /** Event-loop delay p99 of the bench process itself (emulators and drivers), which adds to every measured call. */
  readonly benchLoopP99Ms: number;
  /** Share of the time some process of the machine waited for a CPU during the scenario (Linux PSI), if known. */
  readonly cpuWaitPct: number | undefined;
}

const cpuS = (s: ProbeSample): number => (s.cpuUserMicros + s.cpuSystemMicros) / 1e6;
const pagesWaiting = (dataDir: string, tenants: readonly BenchTenant[]): number =>
  tenants.reduce((n, t) => n + workerBacklog(companyDbFile(dataDir, t.id)).pages, 0);

/**
 * One service process hosting COMPANIES companies; all their Web Connectors run a first import at once (300
 * customers, 20 invoices, 3 items each: every session stages pages), then for SECONDS each runs sessions back to
 * back with a customer and an invoice edited in QuickBooks before each. The Bitrix24 worker of every company writes
 * the staged pages in the background meanwhile.
 */
async function runScenario(s: Scenario): Promise<ScenarioFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-latency-'));
  const dataDir = path.join(dir, 'data');
  const baseEnv: Record<string, string> = {
    ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef',
    QB_TIME_ZONE: 'America/New_York',
    LOG_LEVEL: 'warn',
    B24_POLL_SECONDS: '0',
  };
  // BENCH_PROFILE_DIR=<folder> writes a V8 CPU profile of the service per scenario (open it in Chrome DevTools).
  const profileDir = process.env['BENCH_PROFILE_DIR'];
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const { tenants, env } = await startTenants(COMPANIES, SIZES, dataDir, baseEnv);
  let service: ConnectorProcess | undefined;
  try {
    if (s.b24LatencyMs > 0) for (const t of tenants) t.portal.injectFault({ kind: 'latency', count: Number.MAX_SAFE_INTEGER, latencyMs: s.b24LatencyMs });
    service = await startConnectorProcess(dir, env, 300_000, nodeArgs);
    const importBook = new LatencyBook();
    const editBook = new LatencyBook();
    let book = importBook;
    const problems = new Tally();
    const outcomes = new Tally();
    const fetchImpl = timedFetch(() => book, problems);
    const url = service.url;
    const drivers = new Map(tenants.map((t) => [t.id, tenantDriver(t, url, fetchImpl)]));
    const session = async (t: BenchTenant): Promise<void> => {
      try {
        const r = await drivers.get(t.id)?.runSession();
        outcomes.add(r?.outcome ?? 'no driver');
        const fault = r?.transcript.find((e) => e.fault !== undefined || e.error !== undefined);
        if (fault) problems.add(`session: ${(fault.fault?.message ?? fault.error ?? '').slice(0, 100)}`);
      } catch (err) {
        problems.add(`driver threw: ${err instanceof Error ? err.message : String(err)}`);
      }
    };

    const benchLoop = monitorEventLoopDelay({ resolution: 10 });
    benchLoop.enable();
    const pressure0 = cpuPressure();
    const before = await service.mark();
    const importStart = performance.now();
    await Promise.all(tenants.map((t) => session(t)));
    const importMs = performance.now() - importStart;
    const afterImport = await service.mark();
    const backlogAfterImport = pagesWaiting(dataDir, tenants);

    book = editBook;
    let editSessions = 0;
    const windowStart = performance.now();
    const deadline = windowStart + SECONDS * 1000;
    await Promise.all(
      tenants.map(async (t) => {
        for (let n = 0; performance.now() < deadline; n++) {
          // A person working in QuickBooks between two updates: one customer's phone and one invoice's memo.
          const qb = t.company.qb;
          qb.setNow(new Date());
          qb.userEdit(t.company.customerIds[n % SIZES.customers] ?? '', { Phone: loadPhone(t.index, n % 100, n + 1) });
          qb.userEdit(t.company.invoiceIds[n % SIZES.invoices] ?? '', { Memo: `${t.id} memo edit ${n + 1}` });
          await session(t);
          editSessions += 1;
        }
      }),
    );
    const windowMs = performance.now() - windowStart;
    const afterWindow = await service.mark();
    benchLoop.disable();
    const pressure1 = cpuPressure();
    const cpuWaitPct = pressure0 !== undefined && pressure1 !== undefined ? ((pressure1 - pressure0) / 1000 / (importMs + windowMs)) * 100 : undefined;
    const backlogAfterWindow = pagesWaiting(dataDir, tenants);
    const b24Calls = tenants.reduce((n, t) => n + t.portal.calls.length, 0);
    await service.stop();
    const logEvents = service.logEvents.toString();
    service = undefined;
    return {
      importBook,
      editBook,
      importMs,
      windowMs,
      editSessions,
      problems,
      outcomes,
      before,
      afterImport,
      afterWindow,
      backlogAfterImport,
      backlogAfterWindow,
      b24Calls,
      logEvents,
      benchLoopP99Ms: benchLoop.percentile(99) / 1e6,
      cpuWaitPct,
    };
  } finally {
    if (service) {
      console.error(service.tail());
      await service.stop();
    }
    await Promise.all(tenants.map((t) => t.portal.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

function scenarioFigures(s: Scenario, f: ScenarioFigures): BenchFigure[] {
  const all = spread([...f.importBook.all(), ...f.editBook.all()]);
  const met = all.p99 <= s.p99TargetMs;
  const op = (b: LatencyBook, name: string): string => {
    const x = spread(b.of(name));
    return `${x.p50.toFixed(1)} / ${x.p99.toFixed(1)} / ${x.max.toFixed(1)}`;
  };
  const name = s.label;
  const serviceCpu = cpuS(f.afterWindow) - cpuS(f.before);
  const calls = all.n;
  return [
    {
      bench,
      figure: `${name}: SOAP latency p50 / p99, every call of ${COMPANIES} concurrent Web Connectors (first import + ${SECONDS} s of edit sessions)`,
      value: `${all.p50.toFixed(1)} / ${all.p99.toFixed(1)} ms (${all.n} calls; max ${all.max.toFixed(1)} ms) — ${met ? 'met' : 'MISSED'}`,
      target: `p99 <= ${s.p99TargetMs} ms`,
    },
    {
      bench,
      figure: `${name}: first import, ${COMPANIES} sessions at once (${SIZES.customers} customers, ${SIZES.invoices} invoices each): time / p50 / p95 / p99 / max`,
      value: `${(f.importMs / 1000).toFixed(1)} s / ${fmtSpread(spread(f.importBook.all()))}; staged pages still waiting for Bitrix24 when it ended: ${f.backlogAfterImport}`,
      target: 'informational',
    },
    {
      bench,
      figure: `${name}: edit window, sessions back to back: sessions / p50 / p95 / p99 / max`,
      value: `${f.editSessions} in ${(f.windowMs / 1000).toFixed(1)} s / ${fmtSpread(spread(f.editBook.all()))}; pages waiting at its end: ${f.backlogAfterWindow}`,
      target: 'informational',
    },
    {
      bench,
      figure: `${name}: per operation (import, edits) p50 / p99 / max ms — receiveResponseXML (stages a page) ; sendRequestXML ; authenticate ; closeConnection`,
      value: ['receiveResponseXML', 'sendRequestXML', 'authenticate', 'closeConnection']
        .map((o) => `${o} ${op(f.importBook, o)}, ${op(f.editBook, o)}`)
        .join(' ; '),
      target: 'informational',
    },
    {
      bench,
      figure: `${name}: service process — event-loop delay p99 / max (import, edits); CPU (per SOAP call); peak RSS — bench process event-loop p99; machine CPU wait (PSI some)`,
      value: `${f.afterImport.eventLoopP99Ms.toFixed(0)} / ${f.afterImport.eventLoopMaxMs.toFixed(0)} ms, ${f.afterWindow.eventLoopP99Ms.toFixed(0)} / ${f.afterWindow.eventLoopMaxMs.toFixed(0)} ms; ${serviceCpu.toFixed(1)} s CPU over ${((f.importMs + f.windowMs) / 1000).toFixed(1)} s (${((serviceCpu * 1000) / Math.max(1, calls)).toFixed(1)} ms per call); ${mib(f.afterWindow.maxRssBytes)} — ${f.benchLoopP99Ms.toFixed(0)} ms; ${f.cpuWaitPct === undefined ? 'n/a' : `${f.cpuWaitPct.toFixed(0)}% of the time`}`,
      target: 'informational',
    },
    {
      bench,
      figure: `${name}: errors (SOAP/driver) / session outcomes / Bitrix24 calls / service warn+error log lines`,
      value: `${f.problems.total()}${f.problems.total() > 0 ? ` (${f.problems.toString()})` : ''} / ${f.outcomes.toString()} / ${f.b24Calls} / ${f.logEvents}`,
      target: '0 / completed or none / informational / none',
    },
  ];
}

/**
 * Issue #14: Web Connector calls never wait on Bitrix24, so SOAP latency with 50 concurrent sessions doing real
 * work must stay low (p99 ≤ 20 ms), and stay low (p99 ≤ 50 ms) while every Bitrix24 call is answered 500 ms late
 * and the worker is busy in the background.
 */
export async function run(): Promise<BenchFigure[]> {
  const scenarios: Scenario[] = [
    { label: 'Bitrix24 prompt', b24LatencyMs: 0, p99TargetMs: 20 },
    { label: 'Bitrix24 answers 500 ms late', b24LatencyMs: 500, p99TargetMs: 50 },
  ];
  const figures: BenchFigure[] = [
    {
      bench,
      figure: 'setup',
      value: `one service process (node apps/connector/dist/main.js) hosting ${COMPANIES} companies (SQLite file each, LOG_LEVEL=warn, poller off); bench process: ${COMPANIES} QuickBooks emulators, ${COMPANIES} Web Connector drivers, ${COMPANIES} Bitrix24 portals (standard 2/s limit, real clock); machine: ${os.cpus().length} cores, ${mib(os.totalmem())} RAM`,
      target: '-',
    },
  ];
  for (const s of scenarios) figures.push(...scenarioFigures(s, await runScenario(s)));
  return figures;
}
