import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { WebConnectorDriver, type SessionResult, type WebConnectorDriverOptions } from '@qb-b24/qbwc-driver';
import { loadCompanyFile, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/connector/src/app.module.js';
import { B24SyncWorkerService } from '../../apps/connector/src/sync/b24-sync-worker.service.js';
import { configureApp, createAdapter, NEST_APP_OPTIONS } from '../../apps/connector/src/app.setup.js';
import { CLOCK } from '../../apps/connector/src/common/clock.js';
import { startCompanyHost, type CompanyHost } from '../../apps/connector/src/companies/company-host.js';
import type { AppConfig } from '../../apps/connector/src/config/app-config.js';
import { companyEnvPrefix, loadCompanies } from '../../apps/connector/src/config/load-companies.js';
import type { SecretStore } from '../../apps/connector/src/config/secret-store.js';
import { QWC_IDENTITY_FILE } from '../../apps/connector/src/qbwc/qwc-identity.constant.js';
import { FakeClock } from './fake-clock.js';
import { SAMPLE_COMPANY } from './sync-harness.js';
import { TEST_ADMIN_TOKEN } from './test-app.js';
import { ensureTestDatabase, testDatabaseUrl } from './test-database.js';

export interface HarnessCompany {
  /** Company id as in COMPANIES (a-z, 0-9, -). */
  readonly id: string;
  /** Its QuickBooks company; default: the sample company (each company gets its own copy). */
  readonly qb?: QuickBooksCompany;
  /** Extra `COMPANY_<ID>_<NAME>` settings, given by NAME (e.g. `{ SYNC_PAGE_SIZE: '50' }`). */
  readonly env?: Readonly<Record<string, string>>;
}

/** What one company's Web Connector knows: its AppURL, its login and the .qwc identity it was set up with. */
export interface CompanyIdentity {
  readonly appUrl: string;
  readonly username: string;
  readonly password: string;
  readonly ownerId: string;
  readonly fileId: string;
  readonly applicationToken: string;
}

export interface MultiCompanyHarness {
  /** Base URL of the one HTTP server (`http://127.0.0.1:<port>`). */
  readonly url: string;
  readonly host: CompanyHost;
  readonly companyIds: readonly string[];
  /** The environment loadCompanies was given (for tests that load variations of it). */
  readonly env: Readonly<Record<string, string>>;
  config(companyId: string): AppConfig;
  app(companyId: string): NestFastifyApplication;
  db(companyId: string): DataSource;
  clock(companyId: string): FakeClock;
  portal(companyId: string): Bitrix24Portal;
  qb(companyId: string): QuickBooksCompany;
  identity(companyId: string): CompanyIdentity;
  /** A Web Connector set up for this company (its AppURL, login, OwnerID/FileID and QuickBooks); `overrides` replace any of that. */
  driver(companyId: string, overrides?: Partial<WebConnectorDriverOptions>): WebConnectorDriver;
  /** One full Web Connector update of this company. */
  session(companyId: string, overrides?: Partial<WebConnectorDriverOptions>): Promise<SessionResult>;
  close(): Promise<void>;
}

const refuseToGenerate: SecretStore = {
  getOrCreate: () => {
    throw new Error('tests pass every secret explicitly');
  },
};

/** A distinct braced GUID per company and purpose (the shape QBWC and the driver require). */
function guid(seed: number, kind: number): string {
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width);
  return `{${hex(0xc0de0000 + seed, 8)}-${hex(kind, 4)}-4${hex(seed, 3)}-8${hex(kind, 3)}-${hex(seed * 7919 + kind, 12)}}`.toUpperCase();
}

/**
 * Several companies in one service, as `COMPANIES=…` runs it: configurations from loadCompanies, one company
 * host on real HTTP, one Bitrix24 portal emulator per company (events wired to that company's webhook with its
 * application token), one QuickBooks company emulator per company, and a Web Connector driver per company.
 */
export async function startMultiCompanyHarness(opts: { companies: readonly HarnessCompany[] }): Promise<MultiCompanyHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-multi-'));
  const portals = new Map<string, Bitrix24Portal>();
  const qbs = new Map<string, QuickBooksCompany>();
  const clocks = new Map<string, FakeClock>();
  const qwcIds = new Map<string, { ownerId: string; fileId: string }>();
  const identities = new Map<string, Omit<CompanyIdentity, 'appUrl'>>();
  let host: CompanyHost | undefined;

  const cleanup = async (): Promise<void> => {
    for (const p of portals.values()) p.setEvents(undefined);
    await Promise.all([...portals.values()].map((p) => p.idle()));
    await host?.close();
    await Promise.all([...portals.values()].map((p) => p.close()));
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // With TEST_DATABASE_URL every harness gets a fresh PostgreSQL database; each company a schema in it.
    const env: Record<string, string> = {
      COMPANIES: opts.companies.map((c) => c.id).join(','),
      DATA_DIR: dataDir,
      DATABASE_URL: testDatabaseUrl('sqlite::memory:'),
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      QB_TIME_ZONE: 'America/New_York',
      LOG_LEVEL: 'error',
      B24_POLL_SECONDS: '0',
    };
    for (const [i, c] of opts.companies.entries()) {
      const portal = await startBitrix24Portal();
      portals.set(c.id, portal);
      const qb = c.qb ?? loadCompanyFile(SAMPLE_COMPANY);
      qbs.set(c.id, qb);
      clocks.set(c.id, new FakeClock());
      qwcIds.set(c.id, { ownerId: guid(i + 1, 1), fileId: guid(i + 1, 2) });
      const prefix = companyEnvPrefix(c.id);
      Object.assign(env, {
        [`${prefix}QBWC_USERNAME`]: `qbwc-${c.id}`,
        [`${prefix}QBWC_PASSWORD`]: `correct-horse-${c.id}-battery-staple-${i + 1}`,
        [`${prefix}QB_COMPANY_FILE`]: qb.companyFilePath,
        [`${prefix}BITRIX24_WEBHOOK_URL`]: portal.webhookUrl,
        [`${prefix}BITRIX24_APPLICATION_TOKEN`]: `app-token-${c.id}-${i + 1}-0123456789`,
      });
      for (const [name, value] of Object.entries(c.env ?? {})) env[`${prefix}${name}`] = value;
    }

    const { companies } = loadCompanies(env, { cwd: process.cwd(), version: '0.0.0-test', secretStore: () => refuseToGenerate });
    const first = companies[0];
    if (first) await ensureTestDatabase(first.database);
    for (const config of companies) {
      const ids = qwcIds.get(config.companyId);
      if (!ids) throw new Error(`no .qwc identity for ${config.companyId}`);
      identities.set(config.companyId, {
        username: config.qbwc.username,
        password: config.qbwc.password,
        applicationToken: config.bitrix24.applicationToken ?? '',
        ...ids,
      });
      // The .qwc identity this company's installation issued, where the app reads it (qwc-identity.repository.ts).
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(path.join(config.dataDir, QWC_IDENTITY_FILE), JSON.stringify(ids));
    }

    host = await startCompanyHost(companies, async (config) => {
      const clock = clocks.get(config.companyId) ?? new FakeClock();
      const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
        .overrideProvider(CLOCK)
        .useValue(clock)
        .compile();
      const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), { ...NEST_APP_OPTIONS, logger: false });
      configureApp(app, config, { shutdownHooks: false });
      return app;
    });
    const url = await host.listen(0, '127.0.0.1');
    const started = host;

    for (const config of companies) {
      const token = config.bitrix24.applicationToken ?? '';
      portals.get(config.companyId)?.setEvents({ handlerUrl: `${url}/companies/${config.companyId}/bitrix24/webhook`, applicationToken: token });
    }

    const get = <T>(map: ReadonlyMap<string, T>, id: string): T => {
      const v = map.get(id);
      if (v === undefined) throw new Error(`No company "${id}" in this harness`);
      return v;
    };
    const configs = new Map(companies.map((c) => [c.companyId, c]));
    const identity = (id: string): CompanyIdentity => ({ ...get(identities, id), appUrl: `${url}/companies/${id}/qbwc` });
    const driver = (id: string, overrides: Partial<WebConnectorDriverOptions> = {}): WebConnectorDriver => {
      const me = identity(id);
      return new WebConnectorDriver({
        appUrl: me.appUrl,
        username: me.username,
        password: me.password,
        processor: get(qbs, id),
        ownerId: me.ownerId,
        fileId: me.fileId,
        sleep: async () => undefined,
        envelopeStyle: 'random',
        ...overrides,
      });
    };

    return {
      url,
      host: started,
      companyIds: started.companyIds,
      env,
      config: (id) => get(configs, id),
      app: (id) => started.app(id),
      db: (id) => started.app(id).get(DataSource),
      clock: (id) => get(clocks, id),
      portal: (id) => get(portals, id),
      qb: (id) => get(qbs, id),
      identity,
      driver,
      // The Bitrix24 side runs in each company's background worker: drained around a run, as between scheduled runs.
      session: async (id, overrides) => {
        const worker = started.app(id).get(B24SyncWorkerService);
        await worker.drain({ retryNow: true });
        const result = await driver(id, overrides).runSession();
        await worker.drain({ retryNow: true });
        return result;
      },
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
