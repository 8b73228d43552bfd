import { STANDARD_RATE_LIMIT } from '@qb-b24/bitrix24-client';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { WebConnectorDriver, type SessionResult } from '@qb-b24/qbwc-driver';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { companyEnvPrefix } from '../../apps/connector/dist/config/load-companies.js';
import { QWC_IDENTITY_FILE } from '../../apps/connector/dist/qbwc/qwc-identity.constant.js';
import type { BenchFigure } from './index.js';
import { startConnectorProcess, type ConnectorProcess } from './support-connector-process.js';
import { fmtSpread, LatencyBook, mib, spread, Tally } from './support-load-stats.js';
import { braced, eventBody, judgeSession, machineCpu, Phase, timedFetch } from './support-load-session.js';
import type { ProbeSample } from './support-service-probe.js';
import { readCompanyDbs } from './support-company-db-report.js';
import { companyDbFile, waitForWorkers, type WorkerBacklog } from './support-worker-drain.js';
import { checkPortals } from './support-portal-check.js';
import { loadPhone, smallCompany, type SmallCompany } from './support-small-company.js';

const COMPANIES = Number(process.env['BENCH_COMPANIES'] ?? '50');
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '60');
const EVENT_RATE = Number(process.env['BENCH_EVENT_RATE'] ?? '100');
const SIZES = { customers: 20, invoices: 20, items: 3 };
const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const bench = 'multi-company-load';

/** One hosted company: its QuickBooks file and Web Connector, its Bitrix24 portal, and what the bench sent it. */
interface Tenant {
  readonly id: string;
  readonly index: number;
  readonly company: SmallCompany;
  readonly portal: Bitrix24Portal;
  readonly password: string;
  readonly applicationToken: string;
  readonly memberId: string;
  readonly ownerId: string;
  readonly fileId: string;
  driver?: WebConnectorDriver;
  contactIds: number[];
  /** Latest phone given to each customer in QuickBooks (index → phone). */
  readonly phones: Map<number, string>;
  edits: number;
  sessions: number;
  readonly lastTs: Map<number, number>;
  eventsAnswered: number;
  eventsQueued: number;
}

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
  const tenants: Tenant[] = [];
  let service: ConnectorProcess | undefined;
  try {
    // ---- the companies, their portals, and the service's environment ----
    const env: Record<string, string> = {
      COMPANIES: '',
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      QB_TIME_ZONE: 'America/New_York',
      LOG_LEVEL: 'warn',
      B24_POLL_SECONDS: '0',
    };
    for (let i = 0; i < COMPANIES; i++) {
      const id = `c${String(i + 1).padStart(2, '0')}`;
      const portal = await startBitrix24Portal({ rateLimit: { enabled: true, ...STANDARD_RATE_LIMIT } });
      const t: Tenant = {
        id,
        index: i,
        company: smallCompany(id, i, SIZES),
        portal,
        password: `load-${id}-${randomBytes(12).toString('hex')}`,
        applicationToken: `apptoken${id}${randomBytes(10).toString('hex')}`,
        memberId: randomBytes(16).toString('hex'),
        ownerId: braced(randomBytes(16)),
        fileId: braced(randomBytes(16)),
        contactIds: [],
        phones: new Map(),
        edits: 0,
        sessions: 0,
        lastTs: new Map(),
        eventsAnswered: 0,
        eventsQueued: 0,
      };
      tenants.push(t);
      const prefix = companyEnvPrefix(id);
      env[`${prefix}QBWC_PASSWORD`] = t.password;
      env[`${prefix}QB_COMPANY_FILE`] = t.company.qb.companyFilePath;
      env[`${prefix}BITRIX24_WEBHOOK_URL`] = portal.webhookUrl;
      env[`${prefix}BITRIX24_APPLICATION_TOKEN`] = t.applicationToken;
      // The .qwc identity this company's installation issued, so the company-file check sees a match.
      mkdirSync(path.join(dataDir, 'companies', id), { recursive: true });
      writeFileSync(path.join(dataDir, 'companies', id, QWC_IDENTITY_FILE), JSON.stringify({ ownerId: t.ownerId, fileId: t.fileId }));
    }
    env['COMPANIES'] = tenants.map((t) => t.id).join(',');

    const bootStart = performance.now();
    service = await startConnectorProcess(dir, env, 300_000);
    const bootMs = performance.now() - bootStart;
    const booted = await service.mark();

    let phase = new Phase();
    const phases = { firstImport: phase, load: new Phase(), drain: new Phase() };
    const fetchImpl = timedFetch(() => phase);
    for (const t of tenants) {
      t.driver = new WebConnectorDriver({
        appUrl: `${service.url}/companies/${t.id}/qbwc`,
        username: `qbconnector-${t.id}`,
        password: t.password,
        processor: t.company.qb,
        ownerId: t.ownerId,
        fileId: t.fileId,
        sleep: async () => undefined,
        fetch: fetchImpl,
      });
    }
    const session = async (t: Tenant): Promise<SessionResult | undefined> => {
      const p = phase;
      const driver = t.driver;
      if (!driver) throw new Error(`no Web Connector driver for ${t.id}`);
      const t0 = performance.now();
      try {
        const r = await driver.runSession();
        judgeSession(p, r, performance.now() - t0);
        t.sessions += 1;
        return r;
      } catch (err) {
        p.failedSessions += 1;
        p.problems.add(`driver threw: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    };

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
    const portalCallsBefore = tenants.reduce((n, t) => n + t.portal.calls.length, 0);

    // ---- the load window ----
    phase = phases.load;
    const benchDelay = monitorEventLoopDelay({ resolution: 10 });
    benchDelay.enable();
    const before = await service.mark();
    const benchCpu0 = process.cpuUsage();
    const machine0 = machineCpu();
    const load0 = os.loadavg()[0] ?? 0;
    const windowStart = performance.now();
    const deadline = windowStart + SECONDS * 1000;

    const driveLoop = async (t: Tenant): Promise<void> => {
      let n = 0;
      while (performance.now() < deadline) {
        // A person working in QuickBooks between two updates: one customer's phone, every other time an invoice memo.
        const qb = t.company.qb;
        qb.setNow(new Date());
        const c = n % SIZES.customers;
        const phone = loadPhone(t.index, c, ++t.edits);
        qb.userEdit(t.company.customerIds[c] ?? '', { Phone: phone });
        t.phones.set(c, phone);
        if (n % 2 === 1) qb.userEdit(t.company.invoiceIds[n % SIZES.invoices] ?? '', { Memo: `${t.id} memo edit ${t.edits}` });
        n += 1;
        await session(t);
      }
    };

    const webhook = new LatencyBook();
    const webhookProblems = new Tally();
    const webhookAnswers = new Tally();
    const serviceUrl = service.url;
    const sendEvents = async (): Promise<number> => {
      const total = EVENT_RATE * SECONDS;
      const inFlight = new Set<Promise<void>>();
      const epochStart = Date.now();
      for (let i = 0; i < total; i++) {
        const dueMs = (i * 1000) / EVENT_RATE;
        const wait = windowStart + dueMs - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const t = tenants[i % tenants.length];
        if (!t || t.contactIds.length === 0) {
          webhookProblems.add('no contact to send an event for');
          continue;
        }
        const contact = t.contactIds[Math.floor(i / tenants.length) % t.contactIds.length] ?? 0;
        // (event, id, ts) is the inbox's dedupe key: one contact's events never share a second, as in real life.
        const ts = Math.max(Math.floor((epochStart + dueMs) / 1000), (t.lastTs.get(contact) ?? 0) + 1);
        t.lastTs.set(contact, ts);
        const body = eventBody(t, t.portal.webhookUrl, 'ONCRMCONTACTUPDATE', contact, ts);
        const t0 = performance.now();
        const p = fetch(`${serviceUrl}/companies/${t.id}/bitrix24/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        })
          .then(async (res) => {
            const text = await res.text();
            webhook.record('webhook', performance.now() - t0);
            t.eventsAnswered += 1;
            if (res.status !== 200) {
              webhookProblems.add(`HTTP ${res.status}`);
              return;
            }
            const status = /"status":"(\w+)"/.exec(text)?.[1] ?? 'unreadable';
            webhookAnswers.add(status);
            if (status === 'queued') t.eventsQueued += 1;
            else webhookProblems.add(`answered ${status}`);
          })
          .catch((err: unknown) => {
            webhookProblems.add(`transport: ${err instanceof Error ? err.message : String(err)}`);
          })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      const lastSent = performance.now();
      await Promise.all([...inFlight]);
      return lastSent - windowStart;
    };

    const [sendMs] = await Promise.all([sendEvents(), ...tenants.map((t) => driveLoop(t))]);
    const windowMs = performance.now() - windowStart;
    const benchCpu = process.cpuUsage(benchCpu0);
    const machine1 = machineCpu();
    const load1 = os.loadavg()[0] ?? 0;
    benchDelay.disable();
    const after = await service.mark();
    const portalCallsWindow = tenants.reduce((n, t) => n + t.portal.calls.length, 0) - portalCallsBefore;

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
