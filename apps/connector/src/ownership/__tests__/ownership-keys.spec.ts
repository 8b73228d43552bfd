import { describe, expect, it } from 'vitest';
import { fairShare } from '../fair-share.js';
import { BOOT_LOCK_NAMESPACE, bootLockKey, COMPANY_LOCK_NAMESPACE, companyLockKey } from '../ownership-lock-key.js';
import { applicationName, parseApplicationName } from '../process-identity.js';

describe('fairShare', () => {
  it.each([
    [200, 1, 200],
    [200, 2, 100],
    [200, 3, 67],
    [1, 3, 1],
    [5, 0, 5],
  ])('%i companies over %i live processes: at most %i each, so every company has a taker', (companies, live, share) => {
    expect(fairShare(companies, live)).toBe(share);
    expect(fairShare(companies, live) * Math.max(1, live)).toBeGreaterThanOrEqual(companies);
  });
});

describe('lock keys', () => {
  it('give each company of one database its own lock, and the same one in every process', () => {
    const acme = companyLockKey('acme', 'company_acme');
    expect(companyLockKey('acme', 'company_acme')).toEqual(acme);
    expect(companyLockKey('beta', 'company_beta')).not.toEqual(acme);
    expect(acme.namespace).toBe(COMPANY_LOCK_NAMESPACE);
    expect(bootLockKey('b0d4c0de-0000-4000-8000-000000000000').namespace).toBe(BOOT_LOCK_NAMESPACE);
  });

  it('are non-negative int4 values, as pg_locks shows them', () => {
    for (const id of ['default', 'acme', 'beta-co', 's200']) {
      const { key } = companyLockKey(id, undefined);
      expect(key).toBeGreaterThanOrEqual(0);
      expect(key).toBeLessThanOrEqual(0x7f_ff_ff_ff);
    }
  });
});

describe('application name of the ownership connection', () => {
  it('carries pid, boot id prefix and host within PostgreSQL’s 63 bytes, and reads back', () => {
    const name = applicationName({ pid: 4242, host: `app-${'x'.repeat(80)}`, bootId: '1a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d' });
    expect(name.length).toBeLessThanOrEqual(63);
    expect(parseApplicationName(name)).toMatchObject({ pid: 4242, bootIdPrefix: '1a2b3c4d' });
    expect(parseApplicationName('psql')).toBeNull();
  });
});
