import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import { dateFrom, nullableDateFrom, nullableString, RawSql, type SqlRow, type SqlValue } from '../database/raw-sql.js';
import { QBWC_SESSION_STATES, QbwcSessionEntity, type QbwcSessionState } from './qbwc-session.entity.js';
import type { QbwcSessionCount } from './qbwc-session.type.js';
import { DeferredRows } from './deferred-rows.js';
import { RecentEntries, ThisTurn } from './session-read-cache.js';

/** Runs answered "busy" or "none" whose rows are kept in memory for their closeConnection: a few minutes of 50 Web Connectors. */
const RECENT_CLOSED_RUNS = 2_000;

/** The columns in entity order; the SQL below names them quoted, so it runs unchanged on SQLite and PostgreSQL. */
const COLUMNS = [
  'ticketHash',
  'ticketPrefix',
  'username',
  'state',
  'companyFile',
  'lastCall',
  'rounds',
  'progress',
  'lastError',
  'lastHresult',
  'qbxmlVersion',
  'createdAt',
  'lastSeenAt',
  'closedAt',
  'bootId',
] as const satisfies readonly (keyof QbwcSessionEntity)[];
type Column = (typeof COLUMNS)[number];
const SELECT = `SELECT ${COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "qbwc_session"`;
const INSERT = `INSERT INTO "qbwc_session" (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
/**
 * An open session also takes the company's one open slot ("openSlot" = 1, unique; migration 1764000000022): when
 * another session holds it, nothing is inserted and the run is told "busy". Closing or expiring a session frees it.
 */
const INSERT_OPEN = `INSERT INTO "qbwc_session" (${COLUMNS.map((c) => `"${c}"`).join(', ')}, "openSlot") VALUES (${COLUMNS.map(() => '?').join(', ')}, 1) ON CONFLICT ("openSlot") DO NOTHING`;
const BY_TICKET = `${SELECT} WHERE "ticketHash" = ?`;
const OPEN = `${SELECT} WHERE "state" = 'open'`;
const IDLE_OPEN = `${SELECT} WHERE "state" = 'open' AND "lastSeenAt" < ?`;

/** A column's value as stored: timestamps are epoch ms in bigint columns (database/epoch-ms.transformer.ts). */
function toColumn(value: QbwcSessionEntity[Column] | undefined): SqlValue {
  if (value instanceof Date) return value.getTime();
  return value ?? null;
}

function stateFrom(value: unknown): QbwcSessionState {
  const state = QBWC_SESSION_STATES.find((s) => s === value);
  if (!state) throw new Error(`qbwc_session holds an unknown state ${JSON.stringify(value)}`);
  return state;
}

function fromRow(r: SqlRow): QbwcSessionEntity {
  return {
    ticketHash: String(r['ticketHash']),
    ticketPrefix: String(r['ticketPrefix']),
    username: String(r['username']),
    state: stateFrom(r['state']),
    companyFile: String(r['companyFile']),
    lastCall: nullableString(r['lastCall']),
    rounds: Number(r['rounds']),
    progress: Number(r['progress']),
    lastError: nullableString(r['lastError']),
    lastHresult: nullableString(r['lastHresult']),
    qbxmlVersion: nullableString(r['qbxmlVersion']),
    createdAt: dateFrom(r['createdAt']),
    lastSeenAt: dateFrom(r['lastSeenAt']),
    closedAt: nullableDateFrom(r['closedAt']),
    bootId: nullableString(r['bootId']),
  };
}

/**
 * The Web Connector sessions. Every SOAP call reads its session and most write it, so those statements are fixed
 * SQL prepared once (database/raw-sql.ts) instead of TypeORM queries built anew on each call; the rest stay TypeORM.
 */
@Injectable()
export class QbwcSessionRepository implements OnModuleDestroy {
  private readonly repo: Repository<QbwcSessionEntity>;
  private readonly sql: RawSql;

  private readonly logger = new Logger(QbwcSessionRepository.name);
  private readonly closedRuns = new DeferredRows<readonly SqlValue[]>(
    (rows) => this.sql.runEachUnsynced(INSERT, rows),
    (err, lost) =>
      this.logger.error({
        event: 'qbwc.run_rows_lost',
        rows: lost,
        reason: err instanceof Error ? err.message : String(err),
        action: 'only /status and the dashboard miss these runs answered "busy" or "none"; check the disk and the database file',
      }),
  );

  /** SQLite only: every write to the table comes through this class, which drops what these keep (session-read-cache.ts). */
  private readonly openNow = new ThisTurn<QbwcSessionEntity[]>();
  private readonly recentClosed = new RecentEntries<QbwcSessionEntity>(RECENT_CLOSED_RUNS);

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.repo = dataSource.getRepository(QbwcSessionEntity);
    this.sql = new RawSql(dataSource);
  }

  /**
   * A run answered "busy" or "none" is born closed: its row only tells /status and the dashboard, so it need not
   * wait for the disk (RawSql.runUnsynced: with every other commit synced, 50 Web Connectors told "busy" at once would
   * each wait for one flush on the event loop). On SQLite (one process) such rows are also written together, once
   * per turn of the event loop (DeferredRows): 50 runs told "busy" at once cost one commit instead of 50, which
   * took a fifth of each busy authenticate's CPU (issue 14). A crash of the process may lose the rows of its last
   * turn; their runs' closeConnection then answers as for any unknown ticket. An open session is stored by open().
   */
  async insert(session: QbwcSessionEntity): Promise<void> {
    if (session.state === 'open') throw new Error('an open session is stored with open(), which takes the company’s one open slot');
    const params = COLUMNS.map((c) => toColumn(session[c]));
    if (this.sql.singleProcess) {
      this.closedRuns.add(session.ticketHash, params);
      // Its closeConnection comes next, usually within the second: answered from here (session-read-cache.ts).
      this.recentClosed.set(session.ticketHash, session);
    }
    // With several processes (PostgreSQL) the run's closeConnection may reach another one: it must find the row.
    else await this.sql.runUnsynced(INSERT, params);
  }

  /**
   * Stores a session that opens, unless another session of the company is open (its slot taken): then nothing is
   * stored and the answer is false. Two Web Connector runs that authenticate at the same moment each read no open
   * session first; this is where only one of them wins, in every process that shares the database. It is a synced
   * write of its own: after a restart it is how the session's unfinished work is found and released.
   */
  async open(session: QbwcSessionEntity): Promise<boolean> {
    if (session.state !== 'open') throw new Error(`open() stores an open session, not a ${session.state} one`);
    this.openNow.drop();
    await this.closedRuns.flush();
    const params = COLUMNS.map((c) => toColumn(session[c]));
    return (await this.sql.run(INSERT_OPEN, params)) === 1;
  }

  async findByTicketHash(ticketHash: string): Promise<QbwcSessionEntity | null> {
    const recent = this.recentClosed.get(ticketHash);
    if (recent !== undefined) return { ...recent };
    await this.closedRuns.flush();
    const row = await this.sql.one(BY_TICKET, [ticketHash]);
    return row ? fromRow(row) : null;
  }

  /** The open sessions; on SQLite read once per turn of the event loop unless a write comes between (ThisTurn). */
  async findOpen(): Promise<QbwcSessionEntity[]> {
    const kept = this.openNow.get();
    if (kept !== undefined) return kept.map((s) => ({ ...s }));
    const open = (await this.sql.all(OPEN, [])).map(fromRow);
    if (this.sql.singleProcess) this.openNow.set(open.map((s) => ({ ...s })));
    return open;
  }

  async findIdleOpen(idleBefore: Date): Promise<QbwcSessionEntity[]> {
    return (await this.sql.all(IDLE_OPEN, [idleBefore.getTime()])).map(fromRow);
  }

  /** Writes the rows of runs answered "busy" or "none" that wait for the end of this turn (on shutdown too). */
  async onModuleDestroy(): Promise<void> {
    await this.closedRuns.flush();
  }

  async update(ticketHash: string, changes: Partial<QbwcSessionEntity>): Promise<void> {
    // Only entity columns, in a fixed order: the few combinations the service uses each become one kept statement.
    // An undefined value leaves its column alone, as TypeORM's update does.
    const set = COLUMNS.filter((c) => c !== 'ticketHash' && changes[c] !== undefined);
    if (set.length === 0) return;
    this.openNow.drop();
    this.recentClosed.delete(ticketHash);
    await this.closedRuns.flush();
    // A change of state moves the open slot with it: a session closed or expired frees it.
    const slot = changes.state === undefined ? '' : `, "openSlot" = ${changes.state === 'open' ? '1' : 'NULL'}`;
    const sql = `UPDATE "qbwc_session" SET ${set.map((c) => `"${c}" = ?`).join(', ')}${slot} WHERE "ticketHash" = ?`;
    const params = [...set.map((c) => toColumn(changes[c])), ticketHash];
    // A session's progress (last call, rounds, last error) is for people to read; a change of state (closed,
    // expired) decides what a restart releases, so only that waits for the disk.
    if (changes.state === undefined) await this.sql.runUnsynced(sql, params);
    else await this.sql.run(sql, params);
  }

  countOpen(): Promise<number> {
    return this.repo.countBy({ state: 'open' });
  }

  async latest(): Promise<QbwcSessionEntity | null> {
    await this.closedRuns.flush();
    return this.repo.find({ order: { lastSeenAt: 'DESC' }, take: 1 }).then((rows) => rows[0] ?? null);
  }

  async countsByState(): Promise<QbwcSessionCount[]> {
    await this.closedRuns.flush();
    const rows = await this.repo
      .createQueryBuilder('s')
      .select('s.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .groupBy('s.state')
      .getRawMany<{ state: QbwcSessionState; n: string | number }>();
    return rows.map((r) => ({ state: r.state, count: Number(r.n) }));
  }
}
