import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config.error.js';
import { loadCompanies } from '../../config/load-companies.js';
import type { SecretStore } from '../../config/secret-store.js';

const cwd = path.resolve('service-root');
const secrets: SecretStore = { getOrCreate: (name) => ({ value: `generated-${name}-0123456789abcdef`, location: name, created: false }) };
const load = (env: Record<string, string>) => loadCompanies(env, { cwd, version: '1.2.3', secretStore: () => secrets }).companies;

describe('backup settings', () => {
  it('default to the data folder and the newest 7', () => {
    expect(load({}).map((c) => c.backup)).toEqual([{ dir: path.join(cwd, 'data', 'backups'), keep: 7 }]);
  });

  it('give each company its own folder, also inside a shared BACKUP_DIR, so one never prunes the other', () => {
    const own = load({ COMPANIES: 'acme,beta' }).map((c) => c.backup.dir);
    expect(own).toEqual([path.join(cwd, 'data', 'companies', 'acme', 'backups'), path.join(cwd, 'data', 'companies', 'beta', 'backups')]);
    const shared = load({ COMPANIES: 'acme,beta', BACKUP_DIR: 'D:\\backups', BACKUP_KEEP: '30' }).map((c) => c.backup);
    expect(shared).toEqual([
      { dir: path.resolve(cwd, 'D:\\backups', 'acme'), keep: 30 },
      { dir: path.resolve(cwd, 'D:\\backups', 'beta'), keep: 30 },
    ]);
  });

  it('refuse a BACKUP_KEEP that would keep nothing', () => {
    expect(() => load({ BACKUP_KEEP: '0' })).toThrow(ConfigError);
    expect(() => load({ BACKUP_KEEP: 'all' })).toThrow(/BACKUP_KEEP must be a whole number/);
  });
});
