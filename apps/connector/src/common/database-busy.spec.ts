import { describe, expect, it } from 'vitest';
import { isDatabaseBusy } from './database-busy.js';

describe('isDatabaseBusy', () => {
  it('recognises a lock held by another writer, directly or wrapped by TypeORM', () => {
    expect(isDatabaseBusy(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isDatabaseBusy({ message: 'QueryFailedError', driverError: { code: 'SQLITE_BUSY_SNAPSHOT' } })).toBe(true);
    expect(isDatabaseBusy({ driverError: { code: '55P03' } })).toBe(true);
    expect(isDatabaseBusy(new Error('x', { cause: { code: 'SQLITE_LOCKED' } }))).toBe(true);
  });

  it('does not mistake other failures for a busy database', () => {
    expect(isDatabaseBusy(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isDatabaseBusy(new Error('boom'))).toBe(false);
    expect(isDatabaseBusy(undefined)).toBe(false);
  });
});
