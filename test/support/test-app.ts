import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/connector/src/app.module.js';
import { configureApp, createAdapter, NEST_APP_OPTIONS } from '../../apps/connector/src/app.setup.js';
import { CLOCK } from '../../apps/connector/src/common/clock.js';
import type { AppConfig } from '../../apps/connector/src/config/app-config.js';
import { loadConfig } from '../../apps/connector/src/config/load-config.js';
import type { SecretStore } from '../../apps/connector/src/config/secret-store.js';
import { QBWC_REQUEST_PROVIDER, type QbwcRequestProvider } from '../../apps/connector/src/qbwc/qbwc-request-provider.js';
import { FakeClock } from './fake-clock.js';
import { ensureTestDatabase, testDatabaseUrl } from './test-database.js';

export const TEST_PASSWORD = 'correct-horse-battery-staple-42';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

const noSecrets: SecretStore = {
  getOrCreate: () => {
    throw new Error('tests pass every secret explicitly');
  },
};

/** A temporary data folder (OS temp dir, so it works on Windows too), removed by `cleanup`. */
export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testConfig(env: Record<string, string> = {}): AppConfig {
  const merged = {
    DATABASE_URL: 'sqlite::memory:',
    // Never the repository's own ./data: tests must not read a developer's .qwc identities or secrets.
    DATA_DIR: path.join(os.tmpdir(), `qb-b24-test-data-${process.pid}`),
    QBWC_USERNAME: 'qbconnector',
    QBWC_PASSWORD: TEST_PASSWORD,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    QB_COMPANY_FILE: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW',
    QB_TIME_ZONE: 'America/New_York',
    LOG_LEVEL: 'error',
    B24_POLL_SECONDS: '0',
    ...env,
  };
  // With TEST_DATABASE_URL (test/pg/with-postgres.sh) the same tests run on PostgreSQL.
  return loadConfig(
    { ...merged, DATABASE_URL: testDatabaseUrl(merged.DATABASE_URL) },
    { cwd: process.cwd(), version: '0.0.0-test', secretStore: () => noSecrets },
  ).config;
}

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly clock: FakeClock;
  readonly db: DataSource;
  close(): Promise<void>;
}

export interface TestAppOptions {
  readonly config?: AppConfig;
  readonly clock?: FakeClock;
  /** Replaces the sync engine at the QBWC plug-in point (an interface port, not one of our services). */
  readonly provider?: QbwcRequestProvider;
  /** Values for injection tokens holding internal limits (e.g. RECONCILE_BUDGET), so a deadline test stays fast. */
  readonly values?: ReadonlyMap<symbol, unknown>;
  /** Receives what the app logs (at every level); none by default. */
  readonly logger?: LoggerService;
}

/** Boots the real AppModule with the production adapter and setup; only the clock (and optionally the provider) differ. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const config = opts.config ?? testConfig();
  const clock = opts.clock ?? new FakeClock();
  await ensureTestDatabase(config.database);
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock);
  if (opts.provider) builder = builder.overrideProvider(QBWC_REQUEST_PROVIDER).useValue(opts.provider);
  for (const [token, value] of opts.values ?? []) builder = builder.overrideProvider(token).useValue(value);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createAdapter(config), { ...NEST_APP_OPTIONS, logger: opts.logger ?? false });
  configureApp(app, config);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, config, clock, db: app.get(DataSource), close: () => app.close() };
}

/** Every row of every table, to prove that bad input changed nothing. */
export async function snapshotDatabase(db: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  // auth_failure is the throttle's count of wrong passwords: a refused request is meant to add to it.
  for (const meta of db.entityMetadatas.filter((m) => m.tableName !== 'auth_failure'))
    out[meta.tableName] = await db.query(`SELECT * FROM "${meta.tableName}" ORDER BY 1`);
  return out;
}
