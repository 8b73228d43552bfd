import type { DataSource } from 'typeorm';
import { ensureTestDatabase, testDatabaseBaseUrl, testDatabaseUrl } from '../../../../../test/support/test-database.js';
import type { DatabaseConfig } from '../../config/app-config.js';
import { dataSourceOptions } from '../data-source-options.js';
import { openAndMigrate } from '../migrate-under-lock.js';

/** A migrated in-memory SQLite database, or a fresh PostgreSQL one under test/pg/with-postgres.sh. */
export async function openTestDatabase(): Promise<DataSource> {
  const db: DatabaseConfig =
    testDatabaseBaseUrl() !== undefined
      ? { type: 'postgres', url: testDatabaseUrl('sqlite::memory:'), poolSize: 2 }
      : { type: 'sqlite', path: ':memory:', busyTimeoutMs: 1_000 };
  await ensureTestDatabase(db);
  return openAndMigrate(dataSourceOptions(db));
}

/** Thrown inside a transaction to roll it back. */
export class Rollback extends Error {}
