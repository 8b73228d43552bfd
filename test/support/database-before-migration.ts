import path from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../apps/connector/src/config/app-config.js';
import { dataSourceOptions } from '../../apps/connector/src/database/data-source-options.js';
import { MIGRATIONS } from '../../apps/connector/src/database/migrations.js';
import { tempDataDir, testConfig } from './test-app.js';
import { ensureTestDatabase } from './test-database.js';

/**
 * A database as the release before `migration` left it: every migration before that one has run (a SQLite file, or
 * with TEST_DATABASE_URL a PostgreSQL database named after it). The caller writes the rows an upgrade must keep
 * through `old`, destroys it, and starts the app on `config`, which runs the rest. `cleanup` removes the data folder.
 */
export async function databaseBeforeMigration(migration: string): Promise<{ config: AppConfig; old: DataSource; cleanup: () => void }> {
  const tmp = tempDataDir();
  const config = testConfig({ DATABASE_URL: `sqlite:${path.join(tmp.dir, 'connector.sqlite')}`, DATA_DIR: tmp.dir });
  await ensureTestDatabase(config.database);
  const before = MIGRATIONS.findIndex((m) => m.name === migration);
  if (before < 0) throw new Error(`no migration named ${migration}`);
  const old = new DataSource({ ...dataSourceOptions(config.database), migrations: [...MIGRATIONS.slice(0, before)] });
  await old.initialize();
  await old.runMigrations();
  return { config, old, cleanup: tmp.cleanup };
}
