import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../apps/connector/src/backup/backup-database.js';
import { BackupError } from '../../apps/connector/src/backup/backup.error.js';
import { BackupService } from '../../apps/connector/src/backup/backup.service.js';
import { B24EventInboxRepository } from '../../apps/connector/src/bitrix/b24-event-inbox.repository.js';
import { dataSourceOptions } from '../../apps/connector/src/database/data-source-options.js';
import { MIGRATIONS } from '../../apps/connector/src/database/migrations.js';
import { snapshotDatabase, startTestApp, TEST_ADMIN_TOKEN, tempDataDir, testConfig, type TestApp } from '../support/test-app.js';

let app: TestApp | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const c of cleanups.splice(0)) c();
});

// SQLite only: on PostgreSQL backups are pg_dump's job (the README says how).
const sqlite = process.env['TEST_DATABASE_URL'] === undefined || process.env['TEST_DATABASE_URL'] === '';

function fileConfig(env: Record<string, string> = {}) {
  const tmp = tempDataDir();
  cleanups.push(tmp.cleanup);
  const dbPath = path.join(tmp.dir, 'connector.sqlite');
  return { dbPath, config: testConfig({ DATABASE_URL: `sqlite:${dbPath}`, DATA_DIR: tmp.dir, ...env }) };
}

const storeEvent = (a: TestApp, b24Id: string) =>
  a.app.get(B24EventInboxRepository).store({ event: 'ONCRMCONTACTUPDATE', b24Entity: 'contact', b24Id, action: 'update', ts: '1766047124' });

const backupFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);

describe.runIf(sqlite)('backups of the SQLite database', () => {
  it('restoring a backup as the README says brings the service back to the state at backup time', async () => {
    const { dbPath, config } = fileConfig();
    app = await startTestApp({ config });
    await storeEvent(app, '101');
    const res = await app.app.inject({ method: 'POST', url: '/admin/backup', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    const body: unknown = res.json();
    expect(body).toMatchObject({ reason: 'manual', removed: [] });
    const file = typeof body === 'object' && body !== null && 'file' in body ? String(body.file) : '';
    expect(path.dirname(file)).toBe(path.join(config.dataDir, 'backups'));
    // Owner only (Windows: no mode bits; the file inherits the data folder's restricted ACL).
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o077).toBe(0);
    const atBackup = await snapshotDatabase(app.db);

    await storeEvent(app, '202');
    expect(await snapshotDatabase(app.db)).not.toEqual(atBackup);

    // README "Backups" → restore: stop the service, copy the backup over the database, delete -wal and -shm, start.
    await app.close();
    app = undefined;
    copyFileSync(file, dbPath);
    rmSync(`${dbPath}-wal`, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
    app = await startTestApp({ config });
    expect(await snapshotDatabase(app.db)).toEqual(atBackup);
  });

  it('POST /admin/backup without the admin token writes nothing', async () => {
    const { config } = fileConfig();
    app = await startTestApp({ config });
    const res = await app.app.inject({ method: 'POST', url: '/admin/backup' });
    expect(res.statusCode).toBe(401);
    expect(backupFiles(config.backup.dir)).toEqual([]);
  });

  it('POST /admin/backup is in the OpenAPI document, behind the admin token', async () => {
    app = await startTestApp();
    const doc: unknown = (await app.app.inject({ method: 'GET', url: '/docs-json' })).json();
    expect(doc).toMatchObject({ paths: { '/admin/backup': { post: { security: [{ admin: [] }] } } } });
  });

  it('an upgrade backs up the database before running its pending migrations', async () => {
    const { dbPath, config } = fileConfig();
    // The database as the previous release left it: every migration but the last one applied.
    const old = new DataSource({ ...dataSourceOptions(config.database), migrations: [...MIGRATIONS.slice(0, -1)] });
    await old.initialize();
    await old.runMigrations();
    await old.destroy();

    app = await startTestApp({ config });
    const files = backupFiles(config.backup.dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^connector-.*-pre-migration\.sqlite$/);
    const copy = new Database(path.join(config.backup.dir, files[0] ?? ''), { readonly: true });
    const applied = copy.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get();
    copy.close();
    // The copy is the database before the upgrade; the live one has every migration.
    expect(applied).toEqual({ n: MIGRATIONS.length - 1 });
    expect(await app.db.query('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual([{ n: MIGRATIONS.length }]);
    expect(existsSync(dbPath)).toBe(true);
  });

  it('a new installation and a restart with nothing to migrate make no pre-migration backup', async () => {
    const { config } = fileConfig();
    app = await startTestApp({ config });
    await app.close();
    app = await startTestApp({ config });
    expect(backupFiles(config.backup.dir)).toEqual([]);
  });

  it('an empty database file (SQLite: a new database) makes no pre-migration backup', async () => {
    const { dbPath, config } = fileConfig();
    writeFileSync(dbPath, '');
    app = await startTestApp({ config });
    expect(backupFiles(config.backup.dir)).toEqual([]);
  });

  it('keeps only the newest BACKUP_KEEP backups', async () => {
    const { config } = fileConfig({ BACKUP_KEEP: '3' });
    app = await startTestApp({ config });
    const written: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      written.push(path.basename((await app.app.get(BackupService).backup('manual')).file));
      app.clock.advance(60_000);
    }
    expect(backupFiles(config.backup.dir)).toEqual(written.slice(2).sort());
  });

  it('makes the daily backup once a day while the service runs', async () => {
    const { config } = fileConfig();
    app = await startTestApp({ config });
    const backups = app.app.get(BackupService);
    expect(await backups.dailyTick()).toMatchObject({ reason: 'daily' });
    app.clock.advance(23 * 3_600_000);
    expect(await backups.dailyTick()).toBeNull();
    app.clock.advance(3_600_000);
    expect(await backups.dailyTick()).toMatchObject({ reason: 'daily' });
    expect(backupFiles(config.backup.dir).filter((f) => f.endsWith('-daily.sqlite'))).toHaveLength(2);
  });
});

describe('backups on PostgreSQL', () => {
  // Runs under npm run test:pg (TEST_DATABASE_URL), where the test app's database is PostgreSQL.
  it.runIf(!sqlite)('POST /admin/backup answers 501 naming pg_dump', async () => {
    app = await startTestApp();
    const res = await app.app.inject({ method: 'POST', url: '/admin/backup', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(res.statusCode).toBe(501);
    expect(res.json()).toMatchObject({ code: 'USE_PG_DUMP', message: expect.stringContaining('pg_dump') });
  });

  it('are refused with a message that says to use pg_dump', async () => {
    const config = testConfig({ DATABASE_URL: 'postgres://connector@localhost:5432/connector' });
    const err = await backupDatabase(config, 'manual', new Date()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect(err).toMatchObject({ code: 'USE_PG_DUMP', message: expect.stringContaining('pg_dump') });
  });
});
