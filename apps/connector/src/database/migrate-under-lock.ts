import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { lockKey } from '../ownership/ownership-lock-key.js';
import { MIGRATIONS_TABLE } from './migrations.js';

/** Lock namespace of schema migrations: one process at a time migrates a database (or a company's schema). */
export const MIGRATION_LOCK_NAMESPACE = 0x51_42_42_03;

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
  // Every start but the first: one read on the pool instead of a lock connection of its own and TypeORM's
  // information_schema lookups, which for 200 companies on one server was most of the start's database work.
  // Migrations are only ever added, so what is applied now stays applied: no lock is needed to know it.
  if (!(await hasPendingMigrations(ds, options.schema))) return ds;
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

/** Whether a migration this version lists is not yet recorded in the schema's migrations table (or there is none). */
export async function hasPendingMigrations(ds: DataSource, schema: string | undefined): Promise<boolean> {
  const table = schema ? `"${schema}"."${MIGRATIONS_TABLE}"` : `"${MIGRATIONS_TABLE}"`;
  const present: { present: boolean }[] = await ds.query('SELECT to_regclass($1) IS NOT NULL AS present', [table]);
  if (present[0]?.present !== true) return true;
  const rows: { name: string }[] = await ds.query(`SELECT name FROM ${table}`);
  const applied = new Set(rows.map((r) => r.name));
  // TypeORM names a migration by its `name`, else its class name (MigrationExecutor.getMigrations).
  return ds.migrations.some((m) => !applied.has(m.name ?? m.constructor.name));
}
