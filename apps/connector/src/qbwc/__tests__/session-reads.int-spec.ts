import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataSourceOptions } from '../../database/data-source-options.js';
import { openAndMigrate } from '../../database/migrate-under-lock.js';
import { newSessionRow } from '../new-session-row.js';
import { QbwcSessionRepository } from '../qbwc-session.repository.js';

// SQLite only (one process, every write through the repository): what a session read may take from memory
// (session-read-cache.ts), and that a write through the repository is never hidden by it.
const at = new Date('2026-12-07T09:00:00.000Z');
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const busyRun = (ticket: string) => ({ ...newSessionRow(ticket, 'qbconnector', '', at), state: 'closed' as const, lastError: 'busy', closedAt: at });

describe('Web Connector session reads on SQLite', () => {
  let ds: DataSource;
  let sessions: QbwcSessionRepository;
  const rows = async (): Promise<number> => Number(((await ds.query('SELECT COUNT(*) AS "n" FROM "qbwc_session"')) as { n: number }[])[0]?.n);
  beforeEach(async () => {
    ds = await openAndMigrate(dataSourceOptions({ type: 'sqlite', path: ':memory:', busyTimeoutMs: 1_000 }));
    sessions = new QbwcSessionRepository(ds);
  });
  afterEach(async () => {
    await ds.destroy();
  });

  it('an open session the repository writes is seen by the next read of open sessions in the same turn', async () => {
    expect(await sessions.findOpen()).toEqual([]);
    expect(await sessions.open(newSessionRow('open-0001-ticket', 'qbconnector', '', at))).toBe(true);
    expect((await sessions.findOpen()).map((s) => s.state)).toEqual(['open']);
    await sessions.update((await sessions.findOpen())[0]?.ticketHash ?? '', { state: 'closed', closedAt: at });
    expect(await sessions.findOpen()).toEqual([]);
  });

  it('the open sessions are read from the database once per turn of the event loop', async () => {
    expect(await sessions.findOpen()).toEqual([]);
    // Written behind the repository's back (nothing in the product does this): the turn's read does not see it...
    await ds.query(
      `INSERT INTO "qbwc_session" ("ticketHash", "ticketPrefix", "username", "companyFile", "state", "createdAt", "lastSeenAt") VALUES ('h', 'p', 'u', 'f', 'open', 0, 0)`,
    );
    expect(await sessions.findOpen()).toEqual([]);
    // ...the next turn's does.
    await nextTurn();
    expect((await sessions.findOpen()).map((s) => s.ticketHash)).toEqual(['h']);
  });

  it('a busy run is found by its closeConnection from memory, without forcing the turn’s rows out early', async () => {
    const run = busyRun('busy-0001-ticket');
    await sessions.insert(run);
    expect((await sessions.findByTicketHash(run.ticketHash))?.lastError).toBe('busy');
    expect(await rows()).toBe(0);
    await nextTurn();
    expect(await rows()).toBe(1);
    expect((await sessions.findByTicketHash(run.ticketHash))?.lastError).toBe('busy');
  });

  it('an update of a busy run is what the next read returns', async () => {
    const run = busyRun('busy-0002-ticket');
    await sessions.insert(run);
    await sessions.update(run.ticketHash, { lastError: 'changed', lastCall: 'getLastError' });
    expect(await sessions.findByTicketHash(run.ticketHash)).toMatchObject({ lastError: 'changed', lastCall: 'getLastError' });
  });
});
