import pg from 'pg';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestDatabase, testDatabaseBaseUrl, testDatabaseUrl } from '../../../../../test/support/test-database.js';
import { dataSourceOptions } from '../data-source-options.js';
import { ensurePostgresSchemas } from '../ensure-postgres-schema.js';
import { lockKey } from '../../ownership/ownership-lock-key.js';
import { hasPendingMigrations, MIGRATION_LOCK_NAMESPACE, openAndMigrate } from '../migrate-under-lock.js';
import { MIGRATIONS_TABLE } from '../migrations.js';

/**
 * Starting many companies on one PostgreSQL (issue 17): a company whose schema is up to date opens with one read,
 * without the migration lock's connection; a schema that lacks a migration still migrates under the lock.
 * Runs only on PostgreSQL (test/pg/with-postgres.sh sets TEST_DATABASE_URL).
 */
const onPostgres = testDatabaseBaseUrl() !== undefined;

describe.skipIf(!onPostgres)('opening a company schema on PostgreSQL', () => {
  let url = '';
  let admin: pg.Client;
  const open: DataSource[] = [];
  const options = (schema: string) => dataSourceOptions({ type: 'postgres', url, poolSize: 1, schema });

  beforeAll(async () => {
    url = testDatabaseUrl('sqlite::memory:');
    await ensureTestDatabase({ type: 'postgres', url, poolSize: 1 });
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
  });

  afterAll(async () => {
    for (const ds of open) await ds.destroy();
    await admin?.end();
  });

  async function migrated(schema: string): Promise<void> {
    await ensurePostgresSchemas(url, [schema]);
    const ds = await openAndMigrate(options(schema));
    await ds.destroy();
  }

  it('creates every company schema it is given, and finds existing ones on the next start', async () => {
    await ensurePostgresSchemas(url, ['company_a', 'company_b']);
    await ensurePostgresSchemas(url, ['company_a', 'company_b', 'company_c']);
    const rows = await admin.query<{ n: string }>("SELECT nspname AS n FROM pg_namespace WHERE nspname LIKE 'company\\_%' ORDER BY 1");
    expect(rows.rows.map((r) => r.n)).toEqual(['company_a', 'company_b', 'company_c']);
  });

  it('a company whose schema is up to date opens while another process holds the migration lock', async () => {
    await migrated('company_up_to_date');
    // Another process migrating: it holds every advisory lock of the migration namespace this schema could use.
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    const { namespace: ns, key } = lockKey(MIGRATION_LOCK_NAMESPACE, 'migrate:company_up_to_date');
    await other.query('SELECT pg_advisory_lock($1, $2)', [ns, key]);
    try {
      let settled = false;
      const opening = openAndMigrate(options('company_up_to_date')).then((ds) => {
        settled = true;
        open.push(ds);
        return ds;
      });
      // Until it opens, nothing may be waiting for the migration lock (a wait would last as long as the other's migration).
      while (!settled) {
        const waiting = await admin.query('SELECT 1 FROM pg_locks WHERE locktype = $1 AND NOT granted AND classid = $2::oid', ['advisory', ns]);
        expect(waiting.rowCount, 'the start waits for the migration lock').toBe(0);
      }
      expect(await hasPendingMigrations(await opening, 'company_up_to_date')).toBe(false);
    } finally {
      await other.end();
    }
  });

  it('a schema missing one of this version’s migrations counts as pending, and one never migrated too', async () => {
    await migrated('company_behind');
    const ds = await openAndMigrate(options('company_behind'));
    open.push(ds);
    expect(await hasPendingMigrations(ds, 'company_behind')).toBe(false);
    const last = await admin.query<{ name: string }>(`SELECT name FROM company_behind."${MIGRATIONS_TABLE}" ORDER BY id DESC LIMIT 1`);
    await admin.query(`DELETE FROM company_behind."${MIGRATIONS_TABLE}" WHERE name = $1`, [last.rows[0]?.name]);
    expect(await hasPendingMigrations(ds, 'company_behind')).toBe(true);
    await ensurePostgresSchemas(url, ['company_never']);
    expect(await hasPendingMigrations(ds, 'company_never')).toBe(true);
  });
});
