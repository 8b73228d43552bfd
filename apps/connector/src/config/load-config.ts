import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import path from 'node:path';
import { AppConfig, type DatabaseConfig } from './app-config.js';
import { ConfigError } from './config.error.js';
import { DEFAULT_TAKEOVER_MINUTES } from '../qbwc/takeover-after.js';
import { loadMappingFile } from './mapping-file/load-mapping-file.js';
import type { LoadedMapping } from './mapping-file/loaded-mapping.type.js';
import { EnvVars, NUMERIC_ENV_VARS, type LogLevelName } from './env-vars.js';
import { DEFAULT_RUN_EVERY_MINUTES } from '../qbwc/qwc-schedule.js';
import { parseTrustedProxies } from './parse-trusted-proxies.js';
import type { SecretStore, StoredSecret } from './secret-store.js';
import { MIN_ADMIN_TOKEN_LENGTH, MIN_PASSWORD_LENGTH, weakSecretReason } from './weak-secret.js';

export interface LoadedConfig {
  readonly config: AppConfig;
  /** Secrets generated this start, to be announced by location only. */
  readonly generated: readonly { readonly name: string; readonly location: string }[];
}

export interface LoadConfigOptions {
  readonly cwd: string;
  readonly version: string;
  /** Builds the store for the resolved data folder (the folder depends on the environment). */
  readonly secretStore: (dataDir: string) => SecretStore;
  /** Set when this configuration is one company of several (see load-companies.ts). */
  readonly company?: {
    readonly id: string;
    readonly basePath: string;
    readonly postgresSchema?: string;
    /** PostgreSQL connections per company unless DATABASE_POOL_SIZE says otherwise (companies share one server). */
    readonly defaultPoolSize?: number;
    /** How many companies the service hosts (each process takes its fair share of their background work). */
    readonly count?: number;
  };
}

/**
 * Validates the environment and builds the typed configuration. Fails listing every bad variable by name,
 * never by value; refuses weak or default secrets; generates missing ones through the secret store.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>, options: LoadConfigOptions): LoadedConfig {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') raw[k] = v;
  const problems: string[] = [];
  for (const key of NUMERIC_ENV_VARS) {
    const v = raw[key];
    if (typeof v === 'string') {
      if (!/^\d+$/.test(v.trim())) problems.push(`${key} must be a whole number`);
      else raw[key] = Number(v.trim());
    }
  }
  const vars = plainToInstance(EnvVars, raw, { excludeExtraneousValues: false });
  for (const err of validateSync(vars, { skipMissingProperties: false, forbidUnknownValues: false })) {
    if (NUMERIC_ENV_VARS.some((k) => k === err.property) && problems.some((p) => p.startsWith(err.property))) continue;
    const first = Object.values(err.constraints ?? {})[0];
    problems.push(first ? `${err.property}: ${first}` : `${err.property} is invalid`);
  }
  const trusted = parseTrustedProxies(vars.TRUSTED_PROXIES);
  problems.push(...trusted.problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(options.cwd, vars.DATA_DIR ?? 'data');
  const parsedDb = parseDatabaseUrl(vars.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'connector.sqlite')}`, options.cwd, {
    busyTimeoutMs: vars.DATABASE_BUSY_TIMEOUT_MS ?? 10_000,
    poolSize: vars.DATABASE_POOL_SIZE ?? options.company?.defaultPoolSize ?? 10,
  });
  const schema = options.company?.postgresSchema;
  const database: DatabaseConfig = parsedDb.type === 'postgres' && schema ? { ...parsedDb, schema } : parsedDb;
  const username = vars.QBWC_USERNAME ?? 'qbconnector';
  const store = options.secretStore(dataDir);
  const generated: { name: string; location: string }[] = [];
  const secret = (value: string | undefined, name: string): string => {
    if (value !== undefined) return value;
    const stored: StoredSecret = store.getOrCreate(name);
    if (stored.created) generated.push({ name, location: stored.location });
    return stored.value;
  };

  const password = secret(vars.QBWC_PASSWORD, 'qbwc-password');
  const passwordProblem = weakSecretReason(password, MIN_PASSWORD_LENGTH, username);
  if (passwordProblem) problems.push(`QBWC_PASSWORD ${passwordProblem}; choose a long random password or unset it to have one generated`);
  const adminToken = secret(vars.ADMIN_TOKEN, 'admin-token');
  const tokenProblem = weakSecretReason(adminToken, MIN_ADMIN_TOKEN_LENGTH);
  if (tokenProblem) problems.push(`ADMIN_TOKEN ${tokenProblem}; unset it to have one generated`);
  if (vars.BITRIX24_APPLICATION_TOKEN !== undefined && vars.BITRIX24_APPLICATION_TOKEN.length < 8) {
    problems.push('BITRIX24_APPLICATION_TOKEN is too short to be a Bitrix24 application token');
  }
  let mapping: LoadedMapping | undefined;
  try {
    mapping = loadMappingFile({ mappingFile: vars.MAPPING_FILE, cwd: options.cwd, estimateStageEnv: vars.ESTIMATE_STAGE_ID });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.problems);
  }
  const workers = vars.WORKERS ?? 1;
  if (workers > 1 && database.type === 'sqlite') {
    problems.push('WORKERS is above 1 but DATABASE_URL is SQLite: several processes need PostgreSQL (set DATABASE_URL=postgres://…), or set WORKERS=1');
  }
  const sessionTimeoutMinutes = vars.QBWC_SESSION_TIMEOUT_MINUTES ?? 30;
  // Unset, it is the default or the session timeout if that is shorter (a one-minute timeout stays valid as before).
  const takeoverMinutes = vars.QBWC_TAKEOVER_MINUTES ?? Math.min(DEFAULT_TAKEOVER_MINUTES, sessionTimeoutMinutes);
  if (takeoverMinutes > sessionTimeoutMinutes) {
    problems.push(
      `QBWC_TAKEOVER_MINUTES (${takeoverMinutes}) is above QBWC_SESSION_TIMEOUT_MINUTES (${sessionTimeoutMinutes}): a session expires before it could be taken over; set it at most ${sessionTimeoutMinutes}`,
    );
  }
  if (problems.length > 0 || mapping === undefined) throw new ConfigError(problems);

  const port = vars.PORT ?? 8080;
  const config = new AppConfig(
    {
      port,
      host: vars.HOST ?? '0.0.0.0',
      publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '') + (options.company?.basePath ?? ''),
      basePath: options.company?.basePath ?? '',
      trustedProxies: trusted.proxies,
      requestTimeoutMs: (vars.HTTP_REQUEST_TIMEOUT_SECONDS ?? 120) * 1000,
      idleTimeoutMs: (vars.HTTP_IDLE_TIMEOUT_SECONDS ?? 120) * 1000,
    },
    dataDir,
    database,
    {
      username,
      password,
      companyFile: vars.QB_COMPANY_FILE ?? '',
      sessionTimeoutMs: sessionTimeoutMinutes * 60_000,
      takeoverAfterMs: takeoverMinutes * 60_000,
      maxBodyBytes: (vars.QBWC_MAX_BODY_MB ?? 32) * 1024 * 1024,
      timeZone: vars.QB_TIME_ZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      itemIncomeAccount: vars.QB_ITEM_INCOME_ACCOUNT ?? 'Sales',
      runEveryMinutes: vars.QWC_RUN_EVERY_MINUTES ?? DEFAULT_RUN_EVERY_MINUTES,
    },
    {
      webhookUrl: vars.BITRIX24_WEBHOOK_URL,
      applicationToken: vars.BITRIX24_APPLICATION_TOKEN,
      plan: vars.BITRIX24_PLAN === 'enterprise' ? 'enterprise' : 'standard',
      timeoutMs: (vars.BITRIX24_TIMEOUT_SECONDS ?? 30) * 1000,
      maxRetries: vars.BITRIX24_MAX_RETRIES ?? 6,
    },
    {
      pageSize: vars.SYNC_PAGE_SIZE ?? 500,
      overlapMs: (vars.SYNC_OVERLAP_MINUTES ?? 180) * 60_000,
      estimateStageId: mapping.rules.deals.stages.estimate,
      b24PollMs: (vars.B24_POLL_SECONDS ?? 300) * 1000,
    },
    adminToken,
    (vars.LOG_LEVEL ?? 'info') as LogLevelName,
    options.version,
    options.company?.id ?? 'default',
    {
      // Companies share one BACKUP_DIR setting, so each gets its own folder in it (their files must not prune each other's).
      dir: vars.BACKUP_DIR ? path.resolve(options.cwd, vars.BACKUP_DIR, ...(options.company ? [options.company.id] : [])) : path.join(dataDir, 'backups'),
      keep: vars.BACKUP_KEEP ?? 7,
    },
    mapping,
    { workers, ownershipRetryMs: (vars.OWNERSHIP_RETRY_SECONDS ?? 10) * 1000, companies: options.company?.count ?? 1 },
  );
  return { config, generated };
}

function parseDatabaseUrl(url: string, cwd: string, limits: { busyTimeoutMs: number; poolSize: number }): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    // ':memory:' is for tests; any other value is a path relative to the working directory.
    return { type: 'sqlite', path: file === ':memory:' ? file : path.resolve(cwd, file), busyTimeoutMs: limits.busyTimeoutMs };
  }
  return { type: 'postgres', url, poolSize: limits.poolSize };
}
