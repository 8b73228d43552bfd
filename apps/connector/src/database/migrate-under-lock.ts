import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { lockKey } from '../ownership/ownership-lock-key.js';

/** Lock namespace of schema migrations: one process at a time migrates a database (or a company's schema). */
const MIGRATION_LOCK_NAMESPACE = 0x51_42_42_03;

/**
 * Opens the data source and runs pending migrations, one transaction each. On PostgreSQL several processes may
 * start at once (WORKERS, several machines): they take turns under an advisory lock, so a migration runs once and
 * the others find it applied. SQLite has one process, so no lock.
 */
export async function openAndMigrate(options: DataSourceOptions): Promise<DataSource> {
  const ds = new DataSource({ ...options, migrationsRun: false });
  await ds.initialize();
  if (options.type !== 'postgres') {
    await ds.runMigrations({ transaction: 'each' });
    return ds;
  }
  const key = lockKey(MIGRATION_LOCK_NAMESPACE, `migrate:${options.schema ?? ''}`);
  // The lock is held on a connection of its own, outside the pool: with DATABASE_POOL_SIZE=1 a pooled one would
  // leave the migrations no connection to run on.
  const lock = new pg.Client({ connectionString: options.url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1, $2)', [key.namespace, key.key]);
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    // Closing the connection releases the lock, whatever happened.
    await lock.end();
  }
  return ds;
}
