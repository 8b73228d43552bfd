import pg from 'pg';

/** Company schema names are derived from validated ids (load-companies.ts); this check keeps SQL out of them anyway. */
const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Creates companies' schemas before their migrations run (TypeORM does not create schemas itself), all of one
 * database on one connection: a new PostgreSQL connection costs the server a process start, and 200 companies
 * each opening one for this made a noticeable share of the service's start.
 */
export async function ensurePostgresSchemas(url: string, schemas: readonly string[]): Promise<void> {
  for (const schema of schemas) if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}"`);
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await client.query<{ name: string }>('SELECT nspname AS name FROM pg_namespace WHERE nspname = ANY($1)', [[...schemas]]);
    const have = new Set(existing.rows.map((r) => r.name));
    for (const schema of schemas) if (!have.has(schema)) await createSchema(client, schema);
  } finally {
    await client.end();
  }
}

async function createSchema(client: pg.Client, schema: string): Promise<void> {
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (err) {
    // Two processes starting at once (WORKERS, several machines) may both create it: PostgreSQL's IF NOT EXISTS is
    // not safe against that race, and the loser's unique violation means the schema now exists, which is all we need.
    if (!(typeof err === 'object' && err !== null && 'code' in err && (err.code === '23505' || err.code === '42P06'))) throw err;
  }
}
