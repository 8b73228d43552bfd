import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../apps/connector/src/config/app-config.js';

/**
 * PostgreSQL for the test suite (`test/pg/with-postgres.sh` sets TEST_DATABASE_URL). Every test app gets
 * its own database, so tests stay as isolated as with `sqlite::memory:`; a SQLite *file* maps to a
 * database named after the file, so a test that restarts the app on the same file finds its data again.
 */
export function testDatabaseBaseUrl(): string | undefined {
  const url = process.env['TEST_DATABASE_URL'];
  return url === undefined || url === '' ? undefined : url;
}

/** The DATABASE_URL a test asked for, moved to PostgreSQL when TEST_DATABASE_URL is set. */
export function testDatabaseUrl(requested: string): string {
  const base = testDatabaseBaseUrl();
  if (base === undefined || !requested.startsWith('sqlite:')) return requested;
  const file = requested.slice('sqlite:'.length);
  const name = file === ':memory:' ? `t_${process.pid}_${randomBytes(6).toString('hex')}` : `f_${createHash('sha256').update(file).digest('hex').slice(0, 24)}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

const created = new Set<string>();

/** Creates the test app's PostgreSQL database if it does not exist yet (no-op for SQLite). */
export async function ensureTestDatabase(db: DatabaseConfig): Promise<void> {
  if (db.type !== 'postgres') return;
  const base = testDatabaseBaseUrl();
  const name = decodeURIComponent(new URL(db.url).pathname.slice(1));
  if (base === undefined || created.has(name) || !/^[a-z0-9_]+$/.test(name)) return;
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
    created.add(name);
  } finally {
    await client.end();
  }
}
