import type { DataSource } from 'typeorm';
import { afterEach, beforeEach } from 'vitest';
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

/**
 * A fresh database for each test of the calling block, closed after it (the SQL specs' shared set-up). Register it
 * before the block's own `beforeEach`, which then sees the new database through the returned function.
 */
export function useTestDatabase(): () => DataSource {
  let ds: DataSource | undefined;
  beforeEach(async () => {
    ds = await openTestDatabase();
  });
  afterEach(async () => {
    await ds?.destroy();
    ds = undefined;
  });
  return () => {
    if (!ds) throw new Error('the test database opens in beforeEach');
    return ds;
  };
}

/** Thrown inside a transaction to roll it back. */
export class Rollback extends Error {}
