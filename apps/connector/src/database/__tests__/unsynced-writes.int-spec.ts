import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newSessionRow } from '../../qbwc/new-session-row.js';
import { QbwcSessionRepository } from '../../qbwc/qbwc-session.repository.js';
import { dataSourceOptions } from '../data-source-options.js';
import { openAndMigrate } from '../migrate-under-lock.js';
import { RawSql } from '../raw-sql.js';
import { Rollback } from './open-test-database.js';

// SQLite only: `synchronous` is SQLite's (on PostgreSQL runUnsynced is an ordinary write). A trigger records the
// connection's level at the moment each row is written, read from SQLite's own pragma_synchronous: 2 is FULL (the
// commit waits for the disk), 1 is NORMAL (it does not; kept across a crash of the process, not a power loss).
const FULL = 2;
const NORMAL = 1;

async function openSqlite(): Promise<DataSource> {
  const ds = await openAndMigrate(dataSourceOptions({ type: 'sqlite', path: ':memory:', busyTimeoutMs: 1_000 }));
  await ds.query('CREATE TABLE "level_seen" ("what" varchar NOT NULL, "level" integer NOT NULL)');
  for (const [when, table] of [
    ['INSERT', 'qbwc_session'],
    ['UPDATE', 'qbwc_session'],
  ] as const)
    await ds.query(
      `CREATE TRIGGER "seen_${when}" AFTER ${when} ON "${table}" BEGIN INSERT INTO "level_seen" SELECT '${when} ' || NEW."state" || ' ' || COALESCE(NEW."lastCall", '-'), "synchronous" FROM pragma_synchronous; END`,
    );
  return ds;
}

const levelsSeen = async (ds: DataSource): Promise<[string, number][]> =>
  ((await ds.query('SELECT "what", "level" FROM "level_seen" ORDER BY rowid')) as { what: string; level: number }[]).map((r) => [r.what, r.level]);
const connectionLevel = async (ds: DataSource): Promise<number> =>
  Number(((await ds.query('PRAGMA synchronous')) as { synchronous: number }[])[0]?.synchronous);

const INSERT = `INSERT INTO "qbwc_session" ("ticketHash", "ticketPrefix", "username", "companyFile", "state", "createdAt", "lastSeenAt") VALUES (?, 'p', 'u', 'f', 'closed', 0, 0)`;

describe('writes that need not wait for the disk (SQLite)', () => {
  let ds: DataSource;
  beforeEach(async () => {
    ds = await openSqlite();
  });
  afterEach(async () => {
    await ds.destroy();
  });

  it('a busy or "none" run and a session’s progress commit without a sync; an open session and a change of state wait for the disk', async () => {
    const sessions = new QbwcSessionRepository(ds);
    const at = new Date('2026-12-07T06:00:00.000Z');
    await sessions.insert({ ...newSessionRow('busy-0000-ticket', 'qbconnector', '', at), state: 'closed', lastError: 'busy', closedAt: at });
    await sessions.insert({ ...newSessionRow('none-0000-ticket', 'qbconnector', '', at), state: 'closed', closedAt: at });
    const open = newSessionRow('open-0000-ticket', 'qbconnector', '', at);
    expect(await sessions.open(open)).toBe(true);
    await sessions.update(open.ticketHash, { lastCall: 'sendRequestXML', rounds: 1, lastSeenAt: at });
    await sessions.update(open.ticketHash, { state: 'closed', lastCall: 'closeConnection', closedAt: at });

    expect(await levelsSeen(ds)).toEqual([
      ['INSERT closed authenticate', NORMAL],
      ['INSERT closed authenticate', NORMAL],
      ['INSERT open authenticate', FULL],
      ['UPDATE open sendRequestXML', NORMAL],
      ['UPDATE closed closeConnection', FULL],
    ]);
    // Every row is there, as written, and the connection is back at its own level.
    expect((await sessions.findByTicketHash(open.ticketHash))?.state).toBe('closed');
    expect(await ds.query('SELECT COUNT(*) AS "n" FROM "qbwc_session"')).toEqual([{ n: 3 }]);
    expect(await connectionLevel(ds)).toBe(FULL);
  });

  it('runs answered "busy" in one turn of the event loop are written together after it; a read in that turn sees them', async () => {
    const sessions = new QbwcSessionRepository(ds);
    const at = new Date('2026-12-07T06:00:00.000Z');
    const busy = Array.from({ length: 50 }, (_, i) => ({
      ...newSessionRow(`busy-${String(i).padStart(4, '0')}-ticket`, 'qbconnector', '', at),
      state: 'closed' as const,
      lastError: 'busy',
      closedAt: at,
    }));
    for (const row of busy) await sessions.insert(row);
    const count = async (): Promise<number> => Number(((await ds.query('SELECT COUNT(*) AS "n" FROM "qbwc_session"')) as { n: number }[])[0]?.n);
    // Not yet written: the 50 share one commit at the end of the turn.
    expect(await count()).toBe(0);
    // A closeConnection in the same turn still finds its run (kept in memory for it: qbwc/session-read-cache.ts).
    expect((await sessions.findByTicketHash(busy[7]?.ticketHash ?? ''))?.lastError).toBe('busy');
    // Any other read of the sessions writes what waits first.
    expect(await sessions.countsByState()).toEqual([{ state: 'closed', count: 50 }]);
    expect(await count()).toBe(50);
    for (const row of busy.slice(0, 2)) await sessions.insert({ ...row, ticketHash: `${row.ticketHash}-2` });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await count()).toBe(52);
    expect((await levelsSeen(ds)).every(([, level]) => level === NORMAL)).toBe(true);
    expect(await connectionLevel(ds)).toBe(FULL);
  });

  it('a statement that fails still puts the connection back at its own level, and its error reaches the caller', async () => {
    const sql = new RawSql(ds);
    await sql.runUnsynced(INSERT, ['same-hash']);
    await expect(sql.runUnsynced(INSERT, ['same-hash'])).rejects.toThrow(/UNIQUE/);
    expect(await connectionLevel(ds)).toBe(FULL);
    // The next ordinary write waits for the disk again.
    await sql.run(INSERT, ['other-hash']);
    expect((await levelsSeen(ds)).map(([, level]) => level)).toEqual([NORMAL, FULL]);
  });

  it('a batch (runEach) is one transaction: all rows or none; unsynced, it is written at NORMAL and the level comes back', async () => {
    const sql = new RawSql(ds);
    await expect(sql.runEach(INSERT, [['a'], ['b'], ['a']])).rejects.toThrow(/UNIQUE/);
    expect(await ds.query('SELECT COUNT(*) AS "n" FROM "qbwc_session"')).toEqual([{ n: 0 }]);
    expect(await sql.runEach(INSERT, [['a'], ['b']])).toBe(2);
    expect(await sql.runEachUnsynced(INSERT, [['c'], ['d']])).toBe(2);
    await expect(sql.runEachUnsynced(INSERT, [['e'], ['c']])).rejects.toThrow(/UNIQUE/);
    expect((await ds.query('SELECT "ticketHash" FROM "qbwc_session" ORDER BY "ticketHash"')).map((r: { ticketHash: string }) => r.ticketHash)).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
    // The rolled-back attempts' trigger rows went with them.
    expect((await levelsSeen(ds)).map(([, level]) => level)).toEqual([FULL, FULL, NORMAL, NORMAL]);
    expect(await connectionLevel(ds)).toBe(FULL);
  });

  it('inside a transaction it is part of the transaction: rolled back with it, committed with it at the connection’s level', async () => {
    const sql = new RawSql(ds);
    await expect(
      ds.transaction(async (tx) => {
        await sql.runUnsynced(INSERT, ['rolled-back'], tx);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
    await ds.transaction(async (tx) => {
      await sql.runUnsynced(INSERT, ['kept'], tx);
    });
    expect(await ds.query('SELECT "ticketHash" FROM "qbwc_session"')).toEqual([{ ticketHash: 'kept' }]);
    expect((await levelsSeen(ds)).map(([, level]) => level)).toEqual([FULL]);
  });

  it('a connection configured below FULL is left as it is', async () => {
    await ds.query('PRAGMA synchronous = OFF');
    const sql = new RawSql(ds);
    await sql.runUnsynced(INSERT, ['off']);
    expect(await levelsSeen(ds)).toEqual([['INSERT closed -', 0]]);
    expect(await connectionLevel(ds)).toBe(0);
  });
});

describe('the service’s SQLite connection', () => {
  it('waits for the disk on every commit on the first start and on every later one (a file already in WAL opened at NORMAL)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-sync-level-'));
    try {
      const file = path.join(dir, 'connector.sqlite');
      for (const start of ['first start, new file', 'second start, the file already in WAL']) {
        const ds = await openAndMigrate(dataSourceOptions({ type: 'sqlite', path: file, busyTimeoutMs: 1_000 }));
        try {
          expect({ start, level: await connectionLevel(ds), journal: await ds.query('PRAGMA journal_mode') }).toEqual({
            start,
            level: FULL,
            journal: [{ journal_mode: 'wal' }],
          });
        } finally {
          await ds.destroy();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
