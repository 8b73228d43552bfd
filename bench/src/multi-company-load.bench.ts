import type { SessionResult } from '@qb-b24/qbwc-driver';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BenchFigure } from './index.js';
import { startConnectorProcess, type ConnectorProcess } from './support-connector-process.js';
import { fmtSpread, mib, spread } from './support-load-stats.js';
import { Phase, timedFetch } from './support-load-session.js';
import type { ProbeSample } from './support-service-probe.js';
import { readCompanyDbs } from './support-company-db-report.js';
import { companyDbFile, waitForWorkers, type WorkerBacklog } from './support-worker-drain.js';
import { checkPortals } from './support-portal-check.js';
import { startLoadTenants, tenantSession, type LoadTenant } from './support-load-tenants.js';
import { runLoadWindow } from './support-load-window.js';
import { tenantDriver } from './support-tenants.js';

const COMPANIES = Number(process.env['BENCH_COMPANIES'] ?? '50');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '60');
const EVENT_RATE = Number(process.env['BENCH_EVENT_RATE'] ?? '100');
const SIZES = { customers: 20, invoices: 20, items: 3 };
const bench = 'multi-company-load';

const backlogText = (b: WorkerBacklog): string => `${b.pages} pages + ${b.events} events`;
const cpuSeconds = (s: ProbeSample): number => (s.cpuUserMicros + s.cpuSystemMicros) / 1e6;

/**
 * Issue #10 item 4: one connector process (`node apps/connector/dist/main.js`, COMPANIES=c01…c50, a SQLite file per
 * company in a temporary DATA_DIR) hosting 50 companies, each with its own QuickBooks company emulator driven by its
 * own Web Connector driver against /companies/<id>/qbwc and its own Bitrix24 portal emulator (standard rate limit,
 * real clock). After a concurrent first import, for BENCH_SECONDS every driver runs sessions back to back with a
 * QuickBooks edit before each, while a paced sender posts 100 Bitrix24 events/s spread over the companies'
 * webhooks; then one more session each drains what is left, the service is stopped, and every portal and database
 * is checked.
 */
export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-multi-load-'));
  const dataDir = path.join(dir, 'data');
  let tenants: LoadTenant[] = [];
  let service: ConnectorProcess | undefined;
  try {
    // ---- the companies, their portals, and the service's environment ----
    const started = await startLoadTenants(COMPANIES, SIZES, dataDir);
    tenants = started.tenants;

    const bootStart = performance.now();
    service = await startConnectorProcess(dir, started.env, 300_000);
    const bootMs = performance.now() - bootStart;
    const booted = await service.mark();

    let phase = new Phase();
    const phases = { firstImport: phase, load: new Phase(), drain: new Phase() };
    const fetchImpl = timedFetch(() => phase);
    for (const t of tenants) t.driver = tenantDriver(t, service.url, fetchImpl);
    const session = (t: LoadTenant): Promise<SessionResult | undefined> => tenantSession(t, phase);

    // ---- first import, all companies at once ----
    const importStart = performance.now();
    await Promise.all(tenants.map((t) => session(t)));
    const importMs = performance.now() - importStart;
    // Sessions only stage QuickBooks pages; each company's worker writes them to Bitrix24 in the background. The
    // contacts the events below refer to exist once every worker is idle (the out-of-process drain).
    const dbFiles = tenants.map((t) => companyDbFile(dataDir, t.id));
    const importDrain = await waitForWorkers(dbFiles, 120_000);
    for (const t of tenants)
      t.contactIds = t.portal
        .list('contact')
        .map((c) => Number(c['ID']))
        .filter((n) => Number.isInteger(n) && n > 0);

    // ---- the load window ----
    phase = phases.load;
    const w = await runLoadWindow(tenants, service, session, { seconds: SECONDS, eventRate: EVENT_RATE, sizes: SIZES });
    const { sendMs, windowMs, before, after, benchCpu, benchDelay, machine0, machine1, load0, load1 } = w;
    const { portalCallsWindow, webhook, webhookProblems, webhookAnswers } = w;

    // ---- drain: the workers turn stored events into QuickBooks writes and send the staged edits; one more
    // update per company takes what the window left; then the workers send that session's pages ----
    const windowDrain = await waitForWorkers(dbFiles, 120_000);
    phase = phases.drain;
    await Promise.all(tenants.map((t) => session(t)));
    const finalDrain = await waitForWorkers(dbFiles, 120_000);

    // ---- checks on every portal ----
    const { exactPortals, phonesOk, phonesExpected, dealsOk, problems: portalProblems } = checkPortals(tenants, SIZES.invoices);
    const rejected503 = tenants.reduce((n, t) => n + t.portal.calls.filter((c) => c.httpStatus === 503).length, 0);

    // ---- stop the service and read every company's database ----
    const finalProbe = await service.mark();
    const exitCode = await service.stop();
    const logEvents = service.logEvents.toString();
    service = undefined;
    const { eventsComplete, events, outbox, syncErrors, syncErrorCodes } = readCompanyDbs(
      tenants.map((t) => ({ dbFile: companyDbFile(dataDir, t.id), queued: t.eventsQueued })),
    );

    // ---- figures ----
    const load = phases.load;
    const soapAll = spread(load.latency.all());
    const hooks = spread(webhook.all());
    const sent = tenants.reduce((n, t) => n + t.eventsAnswered, 0);
    const queued = tenants.reduce((n, t) => n + t.eventsQueued, 0);
    const serviceCpu = cpuSeconds(after) - cpuSeconds(before);
    const benchCpuS = (benchCpu.user + benchCpu.system) / 1e6;
    const windowS = windowMs / 1000;
    const importPhase = phases.firstImport;
    figures.push(
      {
        bench,
        figure: 'setup',
        value:
          `${COMPANIES} companies in ONE connector process (child: node apps/connector/dist/main.js, COMPANIES=c01..c${String(COMPANIES).padStart(2, '0')}, ` +
          `SQLite file per company in a temp DATA_DIR, LOG_LEVEL=warn, poller off); bench process: ${COMPANIES} QuickBooks emulators ` +
          `(${SIZES.customers} customers, ${SIZES.invoices} invoices, ${SIZES.items} items each, names tagged per company), ${COMPANIES} Web Connector drivers ` +
          `on /companies/<id>/qbwc, ${COMPANIES} Bitrix24 portal emulators (one per company, standard 2/s limit, real clock), a paced sender ` +
          `posting ONCRMCONTACTUPDATE for existing contacts with each company's application token; machine: ${os.cpus().length} cores, ${mib(os.totalmem())} RAM`,
        target: '-',
      },
      {
        bench,
        figure: `service boot (${COMPANIES} companies, migrations)`,
        value: `${(bootMs / 1000).toFixed(1)} s, RSS ${mib(booted.rssBytes)}`,
        target: 'informational',
      },
      {
        bench,
        figure: `first import, ${COMPANIES} sessions at once`,
        value: `${(importMs / 1000).toFixed(1)} s; ${importPhase.calls} SOAP calls, p50/p95/p99/max ${fmtSpread(spread(importPhase.latency.all()))}; outcomes ${importPhase.outcomes.toString()}`,
        target: 'informational',
      },
      {
        bench,
        figure: 'first import errors (failed SOAP calls / failed sessions)',
        value: `${importPhase.failedCalls} / ${importPhase.failedSessions}${importPhase.problems.total() > 0 ? ` (${importPhase.problems.toString()})` : ''}`,
        target: '0 / 0',
      },
      {
        bench,
        figure: `load window: sessions back to back (${SECONDS} s target, ${windowS.toFixed(1)} s actual)`,
        value: `${load.sessionMs.length} sessions (${(load.sessionMs.length / COMPANIES).toFixed(1)} per company), session time p50/p95/p99/max ${fmtSpread(spread(load.sessionMs))}; outcomes ${load.outcomes.toString()}`,
        target: 'informational',
      },
      { bench, figure: 'load window: SOAP calls total', value: `${load.calls} (${(load.calls / windowS).toFixed(0)}/s)`, target: 'informational' },
      {
        bench,
        figure: 'load window errors (failed SOAP calls / failed sessions)',
        value: `${load.failedCalls} / ${load.failedSessions}${load.problems.total() > 0 ? ` (${load.problems.toString()})` : ''}`,
        target: '0 / 0',
      },
      {
        bench,
        figure: 'SOAP latency per call, all operations, p50 / p95 / p99 / max',
        value: `${fmtSpread(soapAll)} (${soapAll.n} calls)`,
        target: 'p99 printed (single company, 50 concurrent: 338 ms)',
      },
    );
    for (const op of load.latency.labels()) {
      const s = spread(load.latency.of(op));
      figures.push({ bench, figure: `SOAP latency ${op} p50 / p95 / p99 / max`, value: `${fmtSpread(s)} (${s.n} calls)`, target: 'informational' });
    }
    figures.push(
      {
        bench,
        figure: `webhook events sent at ${EVENT_RATE}/s over ${COMPANIES} companies`,
        value: `${sent} answered of ${EVENT_RATE * SECONDS} in ${(sendMs / 1000).toFixed(1)} s (last sent at)`,
        target: `${EVENT_RATE}/s sustained`,
      },
      {
        bench,
        figure: 'webhook errors / queued / answers',
        value: `${webhookProblems.total()} / ${queued} / ${webhookAnswers.toString()}${webhookProblems.total() > 0 ? ` (${webhookProblems.toString()})` : ''}`,
        target: `0 / ${EVENT_RATE * SECONDS}`,
      },
      { bench, figure: 'webhook latency p50 / p95 / p99 / max', value: fmtSpread(hooks), target: 'p99 printed (single company at 100/s: 11.9 ms)' },
      {
        bench,
        figure: 'service process: peak RSS / CPU in the window / event-loop delay p99, max',
        value: `${mib(finalProbe.maxRssBytes)} / ${serviceCpu.toFixed(1)} s CPU = ${((serviceCpu / windowS) * 100).toFixed(0)}% of one core / ${after.eventLoopP99Ms.toFixed(0)} ms, ${after.eventLoopMaxMs.toFixed(0)} ms`,
        target: 'informational',
      },
      {
        bench,
        figure: 'bench process (emulators, drivers, sender): peak RSS / CPU in the window / event-loop delay p99, max',
        value: `${mib(process.resourceUsage().maxRSS * 1024)} / ${benchCpuS.toFixed(1)} s CPU = ${((benchCpuS / windowS) * 100).toFixed(0)}% of one core / ${(benchDelay.percentile(99) / 1e6).toFixed(0)} ms, ${(benchDelay.max / 1e6).toFixed(0)} ms`,
        target: 'informational',
      },
      {
        bench,
        figure: 'whole machine in the window: CPU busy (all processes, all cores) / 1-min load average at start, end',
        value: `${(((machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total)) * 100).toFixed(0)}% of ${os.cpus().length} cores (service + bench = ${(((serviceCpu + benchCpuS) / windowS / os.cpus().length) * 100).toFixed(0)}%, the rest is other work on the machine) / ${load0.toFixed(1)}, ${load1.toFixed(1)}`,
        target: 'informational',
      },
      {
        bench,
        figure: 'Bitrix24 calls in the window (all portals) / 503 rejections overall',
        value: `${portalCallsWindow} / ${rejected503}`,
        target: 'informational / 0',
      },
      {
        bench,
        figure: 'drain session per company (after the window)',
        value: `errors ${phases.drain.failedCalls} / ${phases.drain.failedSessions}; outcomes ${phases.drain.outcomes.toString()}`,
        target: 'errors 0 / 0',
      },
      {
        bench,
        figure: 'Bitrix24 workers idle after the first import / after the window / after the drain session (time; staged pages + pending events left)',
        value: [importDrain, windowDrain, finalDrain].map((d) => `${(d.ms / 1000).toFixed(1)} s; ${backlogText(d.left)}`).join(' / '),
        target: 'all 0 left',
      },
      {
        bench,
        figure: "portals holding exactly their company's customers (no foreign, none missing, no duplicate)",
        value: `${exactPortals} / ${COMPANIES}${portalProblems.total() > 0 ? ` (${portalProblems.toString()})` : ''}`,
        target: `${COMPANIES} / ${COMPANIES}`,
      },
      { bench, figure: 'portals with one deal per invoice', value: `${dealsOk} / ${COMPANIES}`, target: `${COMPANIES} / ${COMPANIES}` },
      {
        bench,
        figure: 'QuickBooks phone edits present in Bitrix24 after the drain',
        value: `${phonesOk} / ${phonesExpected}`,
        target: `${phonesExpected} / ${phonesExpected}`,
      },
      {
        bench,
        figure: 'companies whose inbox holds every queued event, none pending',
        value: `${eventsComplete} / ${COMPANIES} (inbox rows: ${events.toString()})`,
        target: `${COMPANIES} / ${COMPANIES}`,
      },
      {
        bench,
        figure: 'outbox rows by status / sync_error rows',
        value: `${outbox.toString()} / ${syncErrors}${syncErrors > 0 ? ` (${syncErrorCodes.toString()})` : ''}`,
        target: 'no pending, no dead / 0',
      },
      { bench, figure: 'service warn/error log lines / exit code on SIGTERM', value: `${logEvents} / ${String(exitCode)}`, target: 'none / 0' },
    );
    return figures;
  } finally {
    if (service) {
      const tail = service.tail();
      await service.stop();
      if (figures.length === 0) console.error(tail);
    }
    await Promise.all(tenants.map((t) => t.portal.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}
