import path from 'node:path';
import type { AppConfig } from './app-config.js';
import { ConfigError } from './config.error.js';
import { loadConfig, type LoadConfigOptions, type LoadedConfig } from './load-config.js';
import { MIN_ADMIN_TOKEN_LENGTH, weakSecretReason } from './weak-secret.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Company ids appear in URLs, file names, env var names and PostgreSQL schema names. */
const COMPANY_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;
const MAX_COMPANIES = 200;

/** Settings that identify one company's systems: never shared, so never global when several companies are hosted. */
const PER_COMPANY_ONLY = ['QBWC_USERNAME', 'QBWC_PASSWORD', 'QB_COMPANY_FILE', 'BITRIX24_WEBHOOK_URL', 'BITRIX24_APPLICATION_TOKEN'] as const;

/** Settings a company may override (`COMPANY_<ID>_<NAME>`); the rest (port, data folder, log level, body limit) are the service's. */
export const COMPANY_SETTINGS = [
  ...PER_COMPANY_ONLY,
  'ADMIN_TOKEN',
  'DATABASE_URL',
  'DATABASE_BUSY_TIMEOUT_MS',
  'DATABASE_POOL_SIZE',
  'BITRIX24_PLAN',
  'QB_TIME_ZONE',
  'QB_ITEM_INCOME_ACCOUNT',
  'ESTIMATE_STAGE_ID',
  'SYNC_PAGE_SIZE',
  'SYNC_OVERLAP_MINUTES',
  'B24_POLL_SECONDS',
  'QBWC_SESSION_TIMEOUT_MINUTES',
  'QBWC_TAKEOVER_MINUTES',
  'MAPPING_FILE',
] as const;

export interface LoadedCompanies {
  /** One configuration per company; a single entry with basePath '' when COMPANIES is unset. */
  readonly companies: readonly AppConfig[];
  readonly multiCompany: boolean;
  readonly generated: LoadedConfig['generated'];
}

/** `acme-east` → `COMPANY_ACME_EAST_` */
export function companyEnvPrefix(id: string): string {
  return `COMPANY_${id.toUpperCase().replace(/-/g, '_')}_`;
}

/** The URL prefix of a company's endpoints. */
export function companyBasePath(id: string): string {
  return `/companies/${id}`;
}

/**
 * Without COMPANIES: exactly loadConfig (one company, endpoints at the root). With COMPANIES=a,b: one
 * configuration per company, each with its own credentials, Bitrix24 portal, data folder and database
 * (SQLite file or PostgreSQL schema), checked so that no two companies share a QuickBooks login, company
 * file or Bitrix24 portal: data can only cross over through configuration, and that is refused here.
 */
export function loadCompanies(env: Env, options: LoadConfigOptions): LoadedCompanies {
  const list = env['COMPANIES']?.trim();
  if (!list) {
    const { config, generated } = loadConfig(env, options);
    return { companies: [config], multiCompany: false, generated };
  }

  const problems: string[] = [];
  const ids = list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const id of ids)
    if (!COMPANY_ID.test(id)) problems.push(`COMPANIES: "${id}" is not a company id (a-z, 0-9 and -, at most 32, starting with a letter or digit)`);
  if (new Set(ids).size !== ids.length) problems.push('COMPANIES names a company twice');
  if (ids.length > MAX_COMPANIES) problems.push(`COMPANIES lists ${ids.length} companies; one service hosts at most ${MAX_COMPANIES}`);
  for (const name of PER_COMPANY_ONLY) {
    if (nonEmpty(env[name]))
      problems.push(`${name} is per company when COMPANIES is set: use ${companyEnvPrefix(ids[0] ?? 'id')}${name} (and likewise for each company)`);
  }
  const overrides = companyOverrides(env, ids, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  const generated: { name: string; location: string }[] = [];
  const rootDataDir = path.resolve(options.cwd, nonEmpty(env['DATA_DIR']) ?? 'data');
  const adminToken = sharedAdminToken(env, rootDataDir, options, generated);

  const companies: AppConfig[] = [];
  for (const id of ids) {
    const own = overrides.get(id) ?? {};
    const companyEnv: Record<string, string | undefined> = { ...withoutCompanyVars(env) };
    companyEnv['DATA_DIR'] = path.join(rootDataDir, 'companies', id);
    companyEnv['ADMIN_TOKEN'] = adminToken;
    companyEnv['QBWC_USERNAME'] = `qbconnector-${id}`;
    companyEnv['DATABASE_URL'] = companyDatabaseUrl(nonEmpty(env['DATABASE_URL']), id);
    Object.assign(companyEnv, own);
    const postgres = /^postgres(ql)?:/.test(companyEnv['DATABASE_URL'] ?? '') && own['DATABASE_URL'] === undefined;
    try {
      const loaded = loadConfig(companyEnv, {
        ...options,
        company: {
          id,
          basePath: companyBasePath(id),
          defaultPoolSize: sharedPoolSize(ids.length),
          count: ids.length,
          ...(postgres ? { postgresSchema: companySchema(id) } : {}),
        },
      });
      companies.push(loaded.config);
      generated.push(...loaded.generated.map((g) => ({ name: `${id}/${g.name}`, location: g.location })));
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.problems.map((p) => `company "${id}" (${companyEnvPrefix(id)}*): ${p}`));
    }
  }
  if (problems.length === 0) problems.push(...sharedSystems(companies));
  if (problems.length > 0) throw new ConfigError(problems);
  return { companies, multiCompany: true, generated };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/**
 * Companies on one PostgreSQL server share its max_connections (100 by default): 80 of them are split
 * between the companies (2 to 10 each), leaving room for the operator's own tools.
 */
export function sharedPoolSize(companies: number): number {
  return Math.min(10, Math.max(2, Math.floor(80 / Math.max(1, companies))));
}

/** PostgreSQL schema of a company: `company_acme_east`. */
export function companySchema(id: string): string {
  return `company_${id.replace(/-/g, '_')}`;
}

/** Each company gets its own database: a SQLite file beside the configured one, or a schema of the PostgreSQL database. */
function companyDatabaseUrl(global: string | undefined, id: string): string | undefined {
  if (global === undefined) return undefined; // loadConfig's default: <company data folder>/connector.sqlite
  if (!global.startsWith('sqlite:')) return global;
  const file = global.slice('sqlite:'.length);
  if (file === ':memory:') return global; // one in-memory database per connection, so per company
  const ext = path.extname(file);
  return `sqlite:${file.slice(0, file.length - ext.length)}.${id}${ext || '.sqlite'}`;
}

/** COMPANY_<ID>_<NAME> values by company; anything else starting with COMPANY_ is a mistake worth stopping for. */
function companyOverrides(env: Env, ids: readonly string[], problems: string[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('COMPANY_') || value === undefined || value === '') continue;
    const match = ids
      .map((id) => ({ id, name: key.slice(companyEnvPrefix(id).length) }))
      .find(({ id, name }) => key.startsWith(companyEnvPrefix(id)) && (COMPANY_SETTINGS as readonly string[]).includes(name));
    if (!match) {
      problems.push(`${key} is not a company setting (COMPANY_<ID>_<NAME> with an id from COMPANIES and a NAME of: ${COMPANY_SETTINGS.join(', ')})`);
      continue;
    }
    const own = out.get(match.id) ?? {};
    own[match.name] = value;
    out.set(match.id, own);
  }
  return out;
}

function withoutCompanyVars(env: Env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('COMPANY_') && k !== 'COMPANIES') out[k] = v;
  return out;
}

/** One operator token for every company unless a company sets its own; generated once into the service's data folder. */
function sharedAdminToken(env: Env, dataDir: string, options: LoadConfigOptions, generated: { name: string; location: string }[]): string {
  const given = nonEmpty(env['ADMIN_TOKEN']);
  if (given !== undefined) {
    const problem = weakSecretReason(given, MIN_ADMIN_TOKEN_LENGTH);
    if (problem) throw new ConfigError([`ADMIN_TOKEN ${problem}; unset it to have one generated`]);
    return given;
  }
  const stored = options.secretStore(dataDir).getOrCreate('admin-token');
  if (stored.created) generated.push({ name: 'admin-token', location: stored.location });
  return stored.value;
}

/** Two companies pointing at the same login, company file, portal or database would mix their data. */
function sharedSystems(companies: readonly AppConfig[]): string[] {
  const problems: string[] = [];
  const seen = (what: string, key: (c: AppConfig) => string | undefined): void => {
    const owners = new Map<string, string>();
    for (const c of companies) {
      const k = key(c);
      if (k === undefined || k === '') continue;
      const other = owners.get(k);
      if (other !== undefined) problems.push(`companies "${other}" and "${c.companyId}" share ${what}; each company needs its own`);
      else owners.set(k, c.companyId);
    }
  };
  seen('a Web Connector user name', (c) => c.qbwc.username.toLowerCase());
  // Windows paths: case-insensitive, either slash.
  seen('a QuickBooks company file', (c) => c.qbwc.companyFile.toLowerCase().replace(/\//g, '\\'));
  seen('a Bitrix24 webhook URL', (c) => c.bitrix24.webhookUrl?.replace(/\/+$/, '').toLowerCase());
  seen('a Bitrix24 application token', (c) => c.bitrix24.applicationToken);
  seen('a database', (c) =>
    c.database.type === 'postgres'
      ? `${c.database.url}#${c.database.schema ?? ''}`
      : c.database.path === ':memory:'
        ? undefined
        : path.resolve(c.database.path).toLowerCase(),
  );
  return problems;
}
