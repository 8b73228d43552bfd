import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';

/**
 * One place that turns configuration into TypeORM options, for the app and for tests: never
 * `synchronize`, migrations listed explicitly (ESM has no globs), SQLite in WAL mode with a busy timeout.
 */
export function dataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: [...ENTITIES],
    migrations: [...MIGRATIONS],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
  };
  if (db.type === 'postgres') {
    if (!db.schema) return { ...common, type: 'postgres', url: db.url, extra: { max: db.poolSize } };
    // A company's own schema: TypeORM qualifies its queries with `schema`; the repositories' and migrations'
    // hand-written SQL is unqualified, so the connection's search_path points there too.
    return { ...common, type: 'postgres', url: db.url, schema: db.schema, extra: { max: db.poolSize, options: `-c search_path=${db.schema}` } };
  }
  // Owner only (POSIX); the database files themselves get 0600 from main's umask.
  if (db.path !== ':memory:') mkdirSync(path.dirname(db.path), { recursive: true, mode: 0o700 });
  return {
    ...common,
    type: 'better-sqlite3',
    database: db.path,
    // Concurrent Web Connector calls and webhook writes wait for the lock instead of failing with SQLITE_BUSY.
    timeout: db.busyTimeoutMs,
    prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
      conn.pragma('journal_mode = WAL');
      conn.pragma('foreign_keys = ON');
      conn.pragma(`busy_timeout = ${db.busyTimeoutMs}`);
    },
  };
}
