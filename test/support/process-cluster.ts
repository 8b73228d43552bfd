import type { Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { type FetchLike, type QbProcessResult, type QuickBooksRequestProcessor, type SessionResult, WebConnectorDriver } from '@qb-b24/qbwc-driver';
import type { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { B24KillProxy } from '../crash/support/b24-kill-proxy.js';
import { CRASH_APPLICATION_TOKEN, CRASH_PASSWORD, ConnectorProcess } from '../crash/support/connector-process.js';
import { writeCounts } from '../crash/support/invariants.js';
import { waitForWorkerIdle } from '../crash/support/worker-idle.js';
import { testDatabaseBaseUrl } from './test-database.js';

const OWNER_ID = '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}';
const FILE_ID = '{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}';

/** A fresh PostgreSQL database on the test server (test/pg/with-postgres.sh), for one cluster of processes. */
export async function createClusterDatabase(): Promise<string> {
  const base = testDatabaseBaseUrl();
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `mp_${randomBytes(6).toString('hex')}`;
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

interface OwnerView {
  readonly process: 'this' | 'other' | 'none';
  readonly pid: number | null;
}

/** What one process's /status says about who serves and who owns the company. */
export async function readOwnership(p: ConnectorProcess): Promise<{ servedBy: number; owner: OwnerView }> {
  const body = (await (await fetch(`${p.url}/status`)).json()) as { served_by: { pid: number }; background_owner: OwnerView };
  return { servedBy: body.served_by.pid, owner: body.background_owner };
}

/**
 * N connector processes (`node apps/connector/dist/main.js`) on one PostgreSQL database, each on its own port
 * and with its own loopback proxy in front of the Bitrix24 portal (so a kill can target the process that writes).
 * Web Connector sessions are spread round-robin over the live processes, as a load balancer would.
 */
export class ProcessCluster {
  private next = 0;

  private readonly extra: ConnectorProcess[] = [];

  private constructor(
    private readonly databaseUrl: string,
    readonly procs: readonly ConnectorProcess[],
    readonly proxies: readonly B24KillProxy[],
    private readonly portal: Bitrix24Portal,
  ) {}

  static async start(n: number, portal: Bitrix24Portal, databaseUrl: string): Promise<ProcessCluster> {
    const proxies: B24KillProxy[] = [];
    const procs: ConnectorProcess[] = [];
    for (let i = 0; i < n; i += 1) {
      const proxy = await B24KillProxy.start(portal.webhookUrl);
      proxies.push(proxy);
      procs.push(
        await ConnectorProcess.create({
          webhookUrl: proxy.webhookUrl,
          // A takeover is due within one retry: 1 s keeps the suite short (the default is 10 s).
          env: { DATABASE_URL: databaseUrl, OWNERSHIP_RETRY_SECONDS: '1' },
        }),
      );
    }
    // One after another: the first one up runs the migrations, the others find them applied.
    for (const p of procs) await p.start();
    return new ProcessCluster(databaseUrl, procs, proxies, portal);
  }

  /** One more service on the same database with extra settings (e.g. WORKERS), outside the round-robin. */
  async startExtra(env: Readonly<Record<string, string>>): Promise<ConnectorProcess> {
    const p = await ConnectorProcess.create({
      webhookUrl: this.portal.webhookUrl,
      env: { DATABASE_URL: this.databaseUrl, OWNERSHIP_RETRY_SECONDS: '1', ...env },
    });
    this.extra.push(p);
    await p.start();
    return p;
  }

  live(): ConnectorProcess[] {
    return this.procs.filter((p) => p.running);
  }

  /** Events from the portal go to one process (any process stores them; the owner processes them). */
  sendEventsTo(p: ConnectorProcess): void {
    this.portal.setEvents({ handlerUrl: `${p.url}/bitrix24/webhook`, applicationToken: CRASH_APPLICATION_TOKEN });
  }

  /** The process whose /status says it runs the company's background work, as seen by every live process. */
  async owner(): Promise<ConnectorProcess | undefined> {
    for (const p of this.live()) if ((await readOwnership(p)).owner.process === 'this') return p;
    return undefined;
  }

  /** Polls until a live process owns the company (bounded; a takeover is due within OWNERSHIP_RETRY_SECONDS). */
  async waitForOwner(timeoutMs = 30_000): Promise<ConnectorProcess> {
    const deadline = Date.now() + timeoutMs;
    let interval = 20;
    for (;;) {
      const o = await this.owner();
      if (o) return o;
      if (Date.now() > deadline) throw new Error(`no live process took the company over within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, interval));
      interval = Math.min(250, interval * 2);
    }
  }

  /**
   * One Web Connector run whose SOAP calls go round-robin over the live processes; returns which process (index)
   * answered each call.
   */
  async runSession(qb: QuickBooksCompany): Promise<{ result: SessionResult; servedBy: number[] }> {
    const servedBy: number[] = [];
    const roundRobin: FetchLike = async (_url, init) => {
      const live = this.live();
      const p = live[this.next % live.length];
      this.next += 1;
      if (!p) throw new TypeError('fetch failed: no live connector process');
      servedBy.push(this.procs.indexOf(p));
      const res = await fetch(`${p.url}/qbwc`, init);
      const body = await res.text();
      return { status: res.status, headers: res.headers, text: async () => body };
    };
    const processor: QuickBooksRequestProcessor = {
      companyFilePath: qb.companyFilePath,
      openSession: (o) => qb.openSession(o),
      hcpResponse: (o, f) => qb.hcpResponse(o, f),
      closeSession: () => qb.closeSession(),
      processRequest: (xml: string): Promise<QbProcessResult> => qb.processRequest(xml),
    };
    const first = this.live()[0];
    if (!first) throw new Error('no live connector process');
    const driver = new WebConnectorDriver({
      appUrl: `${first.url}/qbwc`,
      username: 'qbconnector',
      password: CRASH_PASSWORD,
      processor,
      ownerId: OWNER_ID,
      fileId: FILE_ID,
      sleep: async () => undefined,
      envelopeStyle: 'soap',
      fetch: roundRobin,
    });
    return { result: await driver.runSession(), servedBy };
  }

  /** Waits until the Bitrix24 worker (in whichever process owns the company) has nothing left, read through a live process. */
  async waitIdle(): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const p = this.live()[0];
      if (!p) throw new Error('no live connector process');
      if ((await waitForWorkerIdle(p, this.portal)) === 'idle') return;
    }
    throw new Error('the processes kept dying while waiting for the worker');
  }

  /** Sessions (each with the worker's drain) until one completes writing nothing on either side. */
  async settle(qb: QuickBooksCompany, maxSessions = 6): Promise<void> {
    for (let i = 0; i < maxSessions; i += 1) {
      const before = writeCounts(qb, this.portal);
      const { result } = await this.runSession(qb);
      await this.waitIdle();
      const after = writeCounts(qb, this.portal);
      const done = result.outcome === 'completed' || result.outcome === 'none';
      if (done && after.b24 === before.b24 && after.qb === before.qb) return;
    }
    throw new Error(`still writing after ${maxSessions} sessions`);
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([...this.procs, ...this.extra].map((p) => p.dispose()));
    await Promise.allSettled(this.proxies.map((p) => p.close()));
  }
}
