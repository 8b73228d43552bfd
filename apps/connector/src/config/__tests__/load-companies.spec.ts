import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.error.js';
import { loadCompanies } from '../load-companies.js';
import type { SecretStore, StoredSecret } from '../secret-store.js';

/** Generated secrets per data folder, so a test can tell a company's secrets from the service's. */
class FolderSecretStores {
  readonly values = new Map<string, string>();
  store(dir: string): SecretStore {
    return {
      getOrCreate: (name: string): StoredSecret => {
        const key = path.join(dir, name);
        const existing = this.values.get(key);
        if (existing) return { value: existing, location: key, created: false };
        const value = `generated-${key}-0123456789abcdef`;
        this.values.set(key, value);
        return { value, location: key, created: true };
      },
    };
  }
}

const cwd = path.resolve('service-root');
const load = (env: Record<string, string>, stores = new FolderSecretStores()) =>
  loadCompanies(env, { cwd, version: '1.2.3', secretStore: (dir) => stores.store(dir) });

function refusal(env: Record<string, string>): string {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

const TWO = {
  COMPANIES: 'acme,beta-co',
  COMPANY_ACME_BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.com/rest/1/acmecode123/',
  COMPANY_ACME_BITRIX24_APPLICATION_TOKEN: 'acme-application-token',
  COMPANY_BETA_CO_BITRIX24_WEBHOOK_URL: 'https://beta.bitrix24.com/rest/1/betacode456/',
  COMPANY_BETA_CO_BITRIX24_APPLICATION_TOKEN: 'beta-application-token',
};

describe('loadCompanies', () => {
  it('without COMPANIES is the single-company configuration, endpoints at the root', () => {
    const { companies, multiCompany } = load({ QBWC_USERNAME: 'someone' });
    expect(multiCompany).toBe(false);
    expect(companies).toHaveLength(1);
    expect(companies[0]?.http.basePath).toBe('');
    expect(companies[0]?.companyId).toBe('default');
    expect(companies[0]?.qbwc.username).toBe('someone');
  });

  it('gives each company its own login, portal, data folder, database file and URL prefix', () => {
    const stores = new FolderSecretStores();
    const { companies, multiCompany, generated } = load({ ...TWO, PUBLIC_URL: 'https://sync.example.com/' }, stores);
    expect(multiCompany).toBe(true);
    const [acme, beta] = companies;
    if (!acme || !beta) throw new Error('two companies expected');
    expect(acme.companyId).toBe('acme');
    expect(beta.companyId).toBe('beta-co');
    expect(acme.http.publicUrl).toBe('https://sync.example.com/companies/acme');
    expect(beta.http.basePath).toBe('/companies/beta-co');
    expect(acme.qbwc.username).toBe('qbconnector-acme');
    expect(beta.qbwc.username).toBe('qbconnector-beta-co');
    expect(acme.qbwc.password).not.toBe(beta.qbwc.password);
    expect(acme.dataDir).toBe(path.join(cwd, 'data', 'companies', 'acme'));
    expect(acme.database).toMatchObject({ type: 'sqlite', path: path.join(cwd, 'data', 'companies', 'acme', 'connector.sqlite') });
    expect(beta.database).toMatchObject({ type: 'sqlite', path: path.join(cwd, 'data', 'companies', 'beta-co', 'connector.sqlite') });
    expect(acme.bitrix24.applicationToken).toBe('acme-application-token');
    expect(beta.bitrix24.webhookUrl).toBe('https://beta.bitrix24.com/rest/1/betacode456/');
    // One operator token for the service, generated once at its root; each QBWC password in the company's folder.
    expect(acme.adminToken).toBe(beta.adminToken);
    expect(generated.map((g) => g.name).sort()).toEqual(['acme/qbwc-password', 'admin-token', 'beta-co/qbwc-password']);
    expect(generated.find((g) => g.name === 'acme/qbwc-password')?.location).toBe(path.join(acme.dataDir, 'qbwc-password'));
  });

  it('derives a database per company from DATABASE_URL: a file beside it, or a PostgreSQL schema', () => {
    const sqlite = load({ ...TWO, DATABASE_URL: 'sqlite:./db/sync.db' }).companies;
    expect(sqlite.map((c) => (c.database.type === 'sqlite' ? c.database.path : ''))).toEqual([
      path.join(cwd, 'db', 'sync.acme.db'),
      path.join(cwd, 'db', 'sync.beta-co.db'),
    ]);
    const pg = load({ ...TWO, DATABASE_URL: 'postgres://u:p@db:5432/connector' }).companies;
    expect(pg.map((c) => c.database)).toEqual([
      { type: 'postgres', url: 'postgres://u:p@db:5432/connector', schema: 'company_acme', poolSize: 10 },
      { type: 'postgres', url: 'postgres://u:p@db:5432/connector', schema: 'company_beta_co', poolSize: 10 },
    ]);
  });

  it("shares one PostgreSQL server's connections between many companies unless DATABASE_POOL_SIZE is given", () => {
    const ids = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const env = { COMPANIES: ids.join(','), DATABASE_URL: 'postgres://u:p@db:5432/connector' };
    const pools = load(env).companies.map((c) => (c.database.type === 'postgres' ? c.database.poolSize : 0));
    expect(new Set(pools)).toEqual(new Set([2]));
    expect(pools.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(80);
    const given = load({ ...env, DATABASE_POOL_SIZE: '4', COMPANY_C0_DATABASE_POOL_SIZE: '8' }).companies;
    expect(given.slice(0, 2).map((c) => (c.database.type === 'postgres' ? c.database.poolSize : 0))).toEqual([8, 4]);
  });

  it('lets a company override shared settings and keep its own admin token', () => {
    const { companies } = load({
      ...TWO,
      B24_POLL_SECONDS: '60',
      COMPANY_BETA_CO_B24_POLL_SECONDS: '0',
      COMPANY_BETA_CO_ADMIN_TOKEN: 'beta-only-admin-token-0123456789',
      COMPANY_ACME_QBWC_USERNAME: 'acme-books',
    });
    expect(companies.map((c) => c.sync.b24PollMs)).toEqual([60_000, 0]);
    expect(companies[1]?.adminToken).toBe('beta-only-admin-token-0123456789');
    expect(companies[0]?.adminToken).not.toBe('beta-only-admin-token-0123456789');
    expect(companies[0]?.qbwc.username).toBe('acme-books');
  });

  it('refuses settings that identify one company when they are given for all', () => {
    const message = refusal({ ...TWO, QBWC_PASSWORD: 'a-long-and-random-password-1', BITRIX24_WEBHOOK_URL: 'https://x.bitrix24.com/rest/1/abc/' });
    expect(message).toContain('QBWC_PASSWORD is per company when COMPANIES is set: use COMPANY_ACME_QBWC_PASSWORD');
    expect(message).toContain('BITRIX24_WEBHOOK_URL is per company');
    expect(message).not.toContain('a-long-and-random-password-1');
  });

  it.each([
    ['a shared Bitrix24 portal', { COMPANY_BETA_CO_BITRIX24_WEBHOOK_URL: 'https://ACME.bitrix24.com/rest/1/acmecode123' }, 'share a Bitrix24 webhook URL'],
    ['a shared application token', { COMPANY_BETA_CO_BITRIX24_APPLICATION_TOKEN: 'acme-application-token' }, 'share a Bitrix24 application token'],
    ['a shared Web Connector login', { COMPANY_ACME_QBWC_USERNAME: 'books', COMPANY_BETA_CO_QBWC_USERNAME: 'Books' }, 'share a Web Connector user name'],
    [
      'a shared company file',
      { COMPANY_ACME_QB_COMPANY_FILE: 'C:\\QB\\Acme.QBW', COMPANY_BETA_CO_QB_COMPANY_FILE: 'c:/qb/acme.qbw' },
      'share a QuickBooks company file',
    ],
    ['a shared database file', { COMPANY_ACME_DATABASE_URL: 'sqlite:./one.sqlite', COMPANY_BETA_CO_DATABASE_URL: 'sqlite:./one.sqlite' }, 'share a database'],
  ])('refuses %s between two companies', (_what, extra, expected) => {
    expect(refusal({ ...TWO, ...extra })).toContain(`companies "acme" and "beta-co" ${expected}; each company needs its own`);
  });

  it.each([
    ['an id with capitals', { COMPANIES: 'Acme' }, 'COMPANIES: "Acme" is not a company id'],
    ['an id with a path in it', { COMPANIES: '../etc' }, 'COMPANIES: "../etc" is not a company id'],
    ['the same id twice', { COMPANIES: 'acme,acme' }, 'COMPANIES names a company twice'],
    [
      'a setting of a company not listed (a typo)',
      { COMPANIES: 'acme', COMPANY_ACMEE_QBWC_USERNAME: 'x' },
      'COMPANY_ACMEE_QBWC_USERNAME is not a company setting',
    ],
    ['a setting a company cannot override', { COMPANIES: 'acme', COMPANY_ACME_PORT: '9000' }, 'COMPANY_ACME_PORT is not a company setting'],
  ])('refuses %s', (_what, env, expected) => {
    expect(refusal(env)).toContain(expected);
  });

  it("names the company and its variable prefix when a company's own setting is bad, never the value", () => {
    const message = refusal({ ...TWO, COMPANY_ACME_QBWC_PASSWORD: 'password', COMPANY_BETA_CO_SYNC_PAGE_SIZE: 'many' });
    expect(message).toMatch(/company "acme" \(COMPANY_ACME_\*\): QBWC_PASSWORD/);
    expect(message).toMatch(/company "beta-co" \(COMPANY_BETA_CO_\*\): SYNC_PAGE_SIZE must be a whole number/);
    expect(message).not.toContain('"password"');
  });
});
