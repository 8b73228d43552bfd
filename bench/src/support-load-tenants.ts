/** The hosted companies of multi-company-load: their set-up with the service's environment, and one judged session each. */
import type { SessionResult, WebConnectorDriver } from '@qb-b24/qbwc-driver';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { judgeSession, type Phase } from './support-load-session.js';
import { startTenants, type BenchTenant } from './support-tenants.js';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

/** One hosted company: its QuickBooks file and Web Connector, its Bitrix24 portal, and what the bench sent it. */
export interface LoadTenant extends BenchTenant {
  readonly memberId: string;
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

/**
 * `count` companies (c01…), each with its QuickBooks company, its Bitrix24 portal and the identity of its Web
 * Connector, and the environment of the one connector process hosting them all (a SQLite file each in `dataDir`).
 */
export async function startLoadTenants(
  count: number,
  sizes: { customers: number; invoices: number; items: number },
  dataDir: string,
): Promise<{ tenants: LoadTenant[]; env: Record<string, string> }> {
  const baseEnv: Record<string, string> = {
    COMPANIES: '',
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    QB_TIME_ZONE: 'America/New_York',
    LOG_LEVEL: 'warn',
    B24_POLL_SECONDS: '0',
  };
  const { tenants, env } = await startTenants(count, sizes, dataDir, baseEnv, 'load');
  return {
    tenants: tenants.map((t) => ({
      ...t,
      memberId: randomBytes(16).toString('hex'),
      contactIds: [],
      phones: new Map(),
      edits: 0,
      sessions: 0,
      lastTs: new Map(),
      eventsAnswered: 0,
      eventsQueued: 0,
    })),
    env,
  };
}

/** One Web Connector session of `t`, judged into phase `p`; undefined when the driver threw. */
export async function tenantSession(t: LoadTenant, p: Phase): Promise<SessionResult | undefined> {
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
}
