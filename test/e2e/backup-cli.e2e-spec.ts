import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { B24EventInboxRepository } from '../../apps/connector/src/bitrix/b24-event-inbox.repository.js';
import { startTestApp, tempDataDir, testConfig, type TestApp } from '../support/test-app.js';

// The built CLI, as `npm run backup` runs it after its build step.
const CLI = path.resolve(import.meta.dirname, '..', '..', 'apps', 'connector', 'dist', 'cli', 'backup.js');
const sqlite = process.env['TEST_DATABASE_URL'] === undefined || process.env['TEST_DATABASE_URL'] === '';

let app: TestApp | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const c of cleanups.splice(0)) c();
});

function runCli(cwd: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [CLI], { cwd, env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run backup', () => {
  it.runIf(sqlite)('backs up the database while the service has it open, including writes not yet checkpointed', async () => {
    const tmp = tempDataDir();
    cleanups.push(tmp.cleanup);
    const env = { DATA_DIR: tmp.dir, DATABASE_URL: `sqlite:${path.join(tmp.dir, 'connector.sqlite')}` };
    app = await startTestApp({ config: testConfig(env) });
    await app.app.get(B24EventInboxRepository).store({ event: 'ONCRMCONTACTUPDATE', b24Entity: 'contact', b24Id: '77', action: 'update', ts: '1' });
    // The service is running: the write sits in the -wal file, which a copy of connector.sqlite alone would miss.
    expect(existsSync(path.join(tmp.dir, 'connector.sqlite-wal'))).toBe(true);

    const r = runCli(tmp.dir, env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(path.join(tmp.dir, 'backups'));
    expect(files).toHaveLength(1);
    const file = path.join(tmp.dir, 'backups', files[0] ?? '');
    expect(r.out).toContain(`Wrote ${file}`);
    const copy = new Database(file, { readonly: true });
    const rows = copy.prepare('SELECT "b24Id" FROM b24_event').all();
    copy.close();
    expect(rows).toEqual([{ b24Id: '77' }]);
  });

  it('on PostgreSQL says to use pg_dump and writes nothing', () => {
    const tmp = tempDataDir();
    cleanups.push(tmp.cleanup);
    const r = runCli(tmp.dir, { DATA_DIR: tmp.dir, DATABASE_URL: 'postgres://connector@127.0.0.1:1/connector' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('pg_dump');
    expect(existsSync(path.join(tmp.dir, 'backups'))).toBe(false);
  });
});
