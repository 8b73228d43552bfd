import { STANDARD_RATE_LIMIT } from '@qb-b24/bitrix24-client';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { QBWC_NS, WebConnectorDriver, type FetchLike } from '@qb-b24/qbwc-driver';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { companyEnvPrefix } from '../../apps/connector/dist/config/load-companies.js';
import { QWC_IDENTITY_FILE } from '../../apps/connector/dist/qbwc/qwc-identity.constant.js';
import type { LatencyBook, Tally } from './support-load-stats.js';
import { smallCompany, type SmallCompany } from './support-small-company.js';

/** One hosted company of a multi-company bench: its QuickBooks file, its portal and its Web Connector identity. */
export interface BenchTenant {
  readonly id: string;
  readonly index: number;
  readonly company: SmallCompany;
  readonly portal: Bitrix24Portal;
  readonly password: string;
  readonly ownerId: string;
  readonly fileId: string;
  /** The token its Bitrix24 portal signs outbound events with (the service's BITRIX24_APPLICATION_TOKEN). */
  readonly applicationToken: string;
}

const braced = (b: Buffer): string => {
  const h = b.toString('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
};

/**
 * `count` companies (c01…), each with its own QuickBooks company and Bitrix24 portal (standard limit, real clock),
 * and the environment of one service hosting them all in `dataDir` (a SQLite file each). `passwordTag` starts each
 * company's Web Connector password. If one fails to start, the portals already started are closed before it throws.
 */
export async function startTenants(
  count: number,
  sizes: { customers: number; invoices: number; items: number },
  dataDir: string,
  baseEnv: Readonly<Record<string, string>>,
  passwordTag = 'lat',
): Promise<{ tenants: BenchTenant[]; env: Record<string, string> }> {
  const env: Record<string, string> = { ...baseEnv, DATA_DIR: dataDir };
  const tenants: BenchTenant[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const id = `c${String(i + 1).padStart(2, '0')}`;
      const portal = await startBitrix24Portal({ rateLimit: { enabled: true, ...STANDARD_RATE_LIMIT } });
      const t: BenchTenant = {
        id,
        index: i,
        company: smallCompany(id, i, sizes),
        portal,
        password: `${passwordTag}-${id}-${randomBytes(12).toString('hex')}`,
        ownerId: braced(randomBytes(16)),
        fileId: braced(randomBytes(16)),
        applicationToken: `apptoken${id}${randomBytes(10).toString('hex')}`,
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
  } catch (err) {
    await Promise.all(tenants.map((t) => t.portal.close()));
    throw err;
  }
  env['COMPANIES'] = tenants.map((t) => t.id).join(',');
  return { tenants, env };
}

/** The emulated Web Connector of one tenant against `serviceUrl`, with the given HTTP client. */
export function tenantDriver(t: BenchTenant, serviceUrl: string, fetchImpl: FetchLike): WebConnectorDriver {
  return new WebConnectorDriver({
    appUrl: `${serviceUrl}/companies/${t.id}/qbwc`,
    username: `qbconnector-${t.id}`,
    password: t.password,
    processor: t.company.qb,
    ownerId: t.ownerId,
    fileId: t.fileId,
    sleep: async () => undefined,
    fetch: fetchImpl,
  });
}

/** The Web Connector's HTTP client, timing every call by operation to the whole answer read (what QBWC waits for). */
export function timedFetch(book: () => LatencyBook, problems: Tally): FetchLike {
  return async (url, init) => {
    const op = (init.headers['SOAPAction'] ?? '').replace(/"/g, '').replace(QBWC_NS, '') || 'unknown';
    const latency = book();
    const t0 = performance.now();
    const res = await fetch(url, init);
    const body = await res.text();
    latency.record(op, performance.now() - t0);
    if (res.status !== 200) problems.add(`${op} HTTP ${res.status}`);
    return { status: res.status, headers: res.headers, text: async () => body };
  };
}
