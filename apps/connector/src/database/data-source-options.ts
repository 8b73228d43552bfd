import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations.js';

/**
 * How long a pooled PostgreSQL connection may sit idle before it is closed (pg's default is 10 s). Every reopen
 * costs the server a backend start, measured at 35-60 ms of PostgreSQL CPU on a 2-core machine, against ~2 ms of
 * connector CPU for a whole Web Connector call. A process hosting 200 companies sees each company only every few
 * seconds (half as often with two processes), so with 10 s its pools kept reconnecting: in the scale-out bench two
 * processes opened 470 connections in one window and PostgreSQL's CPU went from 0.15 to 0.68 cores. The peak
 * (companies × processes × DATABASE_POOL_SIZE) is the same either way; this only stops paying for it again and again.
 */
export const POOL_IDLE_TIMEOUT_MS = 300_000;

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
    if (!db.schema) return { ...common, type: 'postgres', url: db.url, extra: { max: db.poolSize, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS } };
    // A company's own schema: TypeORM qualifies its queries with `schema`; the repositories' and migrations'
    // hand-written SQL is unqualified, so the connection's search_path points there too.
    return {
      ...common,
      type: 'postgres',
      url: db.url,
      schema: db.schema,
      extra: { max: db.poolSize, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS, options: `-c search_path=${db.schema}` },
    };
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
      // Said, not left to the default: a connection that switches a new file to WAL keeps FULL, but one that opens a
      // file already in WAL (every start after the first) gets better-sqlite3's compiled-in WAL default, NORMAL, and
      // a power loss or an OS crash could then roll back the last commits (https://www.sqlite.org/pragma.html#pragma_synchronous):
      // an outbox write marked in flight, a staged page. With FULL each commit is on disk before QuickBooks or
      // Bitrix24 hears of it; the writes only people read opt out one by one (RawSql.runUnsynced).
      conn.pragma('synchronous = FULL');
      conn.pragma('foreign_keys = ON');
      conn.pragma(`busy_timeout = ${db.busyTimeoutMs}`);
    },
  };
}
