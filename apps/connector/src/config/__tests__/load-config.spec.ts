import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.error.js';
import { loadConfig } from '../load-config.js';
import type { SecretStore, StoredSecret } from '../secret-store.js';

class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  getOrCreate(name: string): StoredSecret {
    const existing = this.values.get(name);
    if (existing) return { value: existing, location: `mem:${name}`, created: false };
    const value = `generated-${name}-0123456789abcdef`;
    this.values.set(name, value);
    return { value, location: `mem:${name}`, created: true };
  }
}

const load = (env: Record<string, string>, store = new MemorySecretStore()) =>
  loadConfig(env, { cwd: process.cwd(), version: '1.2.3', secretStore: () => store });

function refusal(env: Record<string, string>): string {
  try {
    load(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('starts with defaults, generating the QBWC password and admin token and saying where', () => {
    const store = new MemorySecretStore();
    const { config, generated } = load({}, store);
    expect(config.http).toEqual({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'http://localhost:8080',
      basePath: '',
      trustedProxies: [],
      requestTimeoutMs: 120_000,
      idleTimeoutMs: 120_000,
    });
    expect(config.database.type).toBe('sqlite');
    expect(config.qbwc.username).toBe('qbconnector');
    expect(config.qbwc.password).toBe(store.values.get('qbwc-password'));
    expect(config.adminToken).toBe(store.values.get('admin-token'));
    expect(generated.map((g) => g.name)).toEqual(['qbwc-password', 'admin-token']);
    expect(JSON.stringify(generated)).not.toContain(config.qbwc.password);
  });

  it('takes over a silent session after QBWC_TAKEOVER_MINUTES (default 2, never past a shorter session timeout)', () => {
    expect(load({}).config.qbwc.takeoverAfterMs).toBe(2 * 60_000);
    expect(load({ QBWC_TAKEOVER_MINUTES: '15' }).config.qbwc.takeoverAfterMs).toBe(15 * 60_000);
    // A one-minute session timeout was valid before the setting existed, and stays so.
    expect(load({ QBWC_SESSION_TIMEOUT_MINUTES: '1' }).config.qbwc.takeoverAfterMs).toBe(60_000);
    expect(refusal({ QBWC_TAKEOVER_MINUTES: '45' })).toContain('QBWC_TAKEOVER_MINUTES (45) is above QBWC_SESSION_TIMEOUT_MINUTES (30)');
    expect(refusal({ QBWC_TAKEOVER_MINUTES: 'two' })).toContain('QBWC_TAKEOVER_MINUTES must be a whole number');
    expect(refusal({ QBWC_TAKEOVER_MINUTES: '0' })).toContain('QBWC_TAKEOVER_MINUTES');
  });

  it('reuses stored secrets on the next start', () => {
    const store = new MemorySecretStore();
    const first = load({}, store).config.qbwc.password;
    const second = load({}, store);
    expect(second.config.qbwc.password).toBe(first);
    expect(second.generated).toEqual([]);
  });

  it.each([
    ['the .env.example placeholder', 'your-secure-password-here'],
    ['"Password" (a published default, any case)', 'Password'],
    ['a short password', 'Sh0rt!pass'],
    ['the user name', 'qbconnector'],
    ['a repeated character', 'aaaaaaaaaaaaaaaa'],
  ])('refuses %s as QBWC_PASSWORD, naming the variable but not the value', (_label, value) => {
    const message = refusal({ QBWC_PASSWORD: value, ADMIN_TOKEN: 'a-long-enough-admin-token-value-123' });
    expect(message).toContain('QBWC_PASSWORD');
    expect(message).not.toContain(value);
  });

  it('refuses a short admin token', () => {
    expect(refusal({ ADMIN_TOKEN: 'short-token' })).toContain('ADMIN_TOKEN');
  });

  it('lists every bad variable at once', () => {
    const message = refusal({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BITRIX24_WEBHOOK_URL: 'not a url', LOG_LEVEL: 'loud' });
    for (const name of ['PORT', 'DATABASE_URL', 'BITRIX24_WEBHOOK_URL', 'LOG_LEVEL']) expect(message).toContain(name);
  });

  it('reads TRUSTED_PROXIES as addresses and CIDR ranges, IPv4 and IPv6', () => {
    const { config } = load({ TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16,::1 , fd00::/8' });
    expect(config.http.trustedProxies).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8']);
  });

  it.each(['proxy.example.com', '10.0.0.0/33', '10.0.0.300', '10.0.0.0/8/8', '::1/129', '10.0.0.5,'])(
    'refuses TRUSTED_PROXIES=%s by name, never echoing the value',
    (value) => {
      const message = refusal({ TRUSTED_PROXIES: value });
      expect(message).toContain('TRUSTED_PROXIES entry');
      expect(message).not.toContain(value.replace(/,$/, ''));
    },
  );

  it('accepts postgres URLs and a Bitrix24 inbound webhook', () => {
    const { config } = load({
      DATABASE_URL: 'postgres://u:p@db:5432/connector',
      BITRIX24_WEBHOOK_URL: 'https://acme.bitrix24.com/rest/1/abcdef123456/',
      PORT: '9090',
    });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://u:p@db:5432/connector', poolSize: 10 });
    expect(config.bitrix24.webhookUrl).toBe('https://acme.bitrix24.com/rest/1/abcdef123456/');
    expect(config.http.publicUrl).toBe('http://localhost:9090');
  });
});
