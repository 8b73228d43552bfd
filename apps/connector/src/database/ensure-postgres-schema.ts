import pg from 'pg';

/** Company schema names are derived from validated ids (load-companies.ts); this check keeps SQL out of them anyway. */
const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Creates a company's schema before its migrations run (TypeORM does not create schemas itself). */
export async function ensurePostgresSchema(url: string, schema: string): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (err) {
    // Two processes starting at once (WORKERS, several machines) may both create it: PostgreSQL's IF NOT EXISTS is
    // not safe against that race, and the loser's unique violation means the schema now exists, which is all we need.
    if (!(typeof err === 'object' && err !== null && 'code' in err && (err.code === '23505' || err.code === '42P06'))) throw err;
  } finally {
    await client.end();
  }
}
