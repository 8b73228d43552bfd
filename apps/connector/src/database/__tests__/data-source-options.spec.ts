import { describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../data-source-options.js';

/** The pg pool options TypeORM hands to `new Pool(...)` (its `extra`). */
function poolOptions(schema?: string): Record<string, unknown> {
  const options = dataSourceOptions({ type: 'postgres', url: 'postgres://db.example/connector', poolSize: 1, ...(schema ? { schema } : {}) });
  if (options.type !== 'postgres') throw new Error('expected PostgreSQL options');
  return options.extra as Record<string, unknown>;
}

describe('PostgreSQL pool of a company', () => {
  it.each([undefined, 'company_acme'])(
    'keeps its connection open across the seconds between one company’s calls (schema %s), so no call pays for a new server process',
    (schema) => {
      // pg closes idle connections after 10 s unless told otherwise; companies served every few seconds kept reconnecting.
      expect(Number(poolOptions(schema)['idleTimeoutMillis'])).toBeGreaterThanOrEqual(60_000);
      expect(poolOptions(schema)['max']).toBe(1);
    },
  );
});
