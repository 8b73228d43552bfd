import type { DataSource, EntityManager } from 'typeorm';

/** A value a statement binds: Dates are converted by the caller (epoch ms), as the entities' transformer does. */
export type SqlValue = string | number | boolean | null;

/** One result row as the database returns it (PostgreSQL: bigint as string; SQLite: booleans as 0/1). */
export type SqlRow = Record<string, unknown>;

interface NativeStatement {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}

interface NativeSqlite {
  prepare(sql: string): NativeStatement;
  readonly inTransaction: boolean;
}

function isNativeSqlite(x: unknown): x is NativeSqlite {
  return typeof x === 'object' && x !== null && 'prepare' in x && typeof x.prepare === 'function';
}

/** SQLite's `synchronous` levels (https://www.sqlite.org/pragma.html#pragma_synchronous): NORMAL = 1, FULL = 2. */
const SYNC_NORMAL = 1;
const SYNC_FULL = 2;

/** `?` placeholders become PostgreSQL's `$1, $2, …` (our statements never hold a literal `?`). */
function dollarPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/**
 * Fixed, hand-written SQL for the queries every Web Connector call runs (session lookup and update, plan load and
 * save, staging a page). TypeORM builds each query anew on every call (about as much CPU as SQLite takes to run it)
 * and writes dates and numeric ids into the SQL text, so its statement cache (100 entries, first in first out)
 * re-prepares them again and again; here each statement text is fixed and prepared once.
 *
 * On SQLite (better-sqlite3: one synchronous connection that TypeORM shares, so a statement run while a transaction
 * is open belongs to it, exactly as TypeORM's own queries do) statements are prepared on that connection and kept.
 * On PostgreSQL they go through TypeORM's query runner (the transaction's, when `tx` is given) with `$n`
 * placeholders. Callers pass `tx` whenever the statement belongs to a transaction. Identifiers are always quoted,
 * so the same text works on both.
 */
export class RawSql {
  private readonly statements = new Map<string, NativeStatement>();
  /** The connection the kept statements belong to (a data source closed and opened again has a new one). */
  private preparedOn: NativeSqlite | null = null;
  /** The `synchronous` level of that connection, read on first use by runUnsynced. */
  private configuredSync: number | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** The open better-sqlite3 connection (read on each use: it exists once the data source is initialised). */
  private get sqlite(): NativeSqlite | null {
    if (this.dataSource.options.type !== 'better-sqlite3') return null;
    const connection: unknown = Reflect.get(this.dataSource.driver, 'databaseConnection');
    return isNativeSqlite(connection) ? connection : null;
  }

  /** Rows of a SELECT (or of a statement with RETURNING). */
  async all(sql: string, params: readonly SqlValue[], tx?: EntityManager): Promise<SqlRow[]> {
    const db = this.sqlite;
    if (db) return this.prepared(db, sql).all(...params.map(toSqlite)) as SqlRow[];
    const result = await this.runner(tx).query(this.placeholders(sql), [...params], true);
    return result.records as SqlRow[];
  }

  async one(sql: string, params: readonly SqlValue[], tx?: EntityManager): Promise<SqlRow | null> {
    return (await this.all(sql, params, tx))[0] ?? null;
  }

  /** Runs an INSERT/UPDATE/DELETE; resolves with the number of rows it changed. */
  async run(sql: string, params: readonly SqlValue[], tx?: EntityManager): Promise<number> {
    const db = this.sqlite;
    if (db) return this.runNative(db, sql, params);
    const result = await this.runner(tx).query(this.placeholders(sql), [...params], true);
    return Number(result.affected ?? 0);
  }

  /**
   * Runs a write that may be lost to a power failure or an operating-system crash, but never to a crash of this
   * process: a Web Connector session's progress and the rows of runs answered "busy" or "none", which only /status
   * and the dashboard read. On SQLite outside a transaction it commits without waiting for the disk
   * (`synchronous = NORMAL` for this one statement, then the connection's own level again). In WAL mode SQLite keeps
   * such a commit across an application crash and stays consistent after a power loss, which may roll back only the
   * last such commits (https://www.sqlite.org/pragma.html#pragma_synchronous). The next ordinary commit syncs the
   * WAL up to itself, so nothing written before it can be lost after it. Measured on this project's machines: a
   * synced commit holds the event loop about 0.2 ms, an unsynced one 0.01 ms, and a busy authenticate makes one.
   * Inside a transaction, and on PostgreSQL, it is an ordinary write.
   */
  async runUnsynced(sql: string, params: readonly SqlValue[], tx?: EntityManager): Promise<number> {
    const db = this.sqlite;
    if (!db || db.inTransaction) return this.run(sql, params, tx);
    return this.unsyncedNative(db, () => this.runNative(db, sql, params));
  }

  /**
   * Runs one statement once per parameter list, all in one transaction: one commit, so on SQLite one wait for the
   * disk instead of one per row (a synced commit holds the event loop about 0.2-0.4 ms, and the Web Connector calls
   * with it). On SQLite the whole batch runs synchronously, so no other statement can slip in between; inside an
   * open transaction (`tx`, or one already open on the shared connection) the rows simply join it. Resolves with
   * the number of rows changed.
   */
  async runEach(sql: string, paramLists: readonly (readonly SqlValue[])[], tx?: EntityManager): Promise<number> {
    return (await this.runEachCounted(sql, paramLists, tx)).reduce((n, c) => n + c, 0);
  }

  /**
   * runEach that resolves with each statement's own count of changed rows, in order (an insert that its WHERE skipped
   * changed none): one commit for rows whose callers each need their own outcome (group commit, common/turn-batch.ts).
   */
  async runEachCounted(sql: string, paramLists: readonly (readonly SqlValue[])[], tx?: EntityManager): Promise<number[]> {
    if (paramLists.length === 0) return [];
    const db = this.sqlite;
    if (db) return this.eachNative(db, sql, paramLists);
    const each = async (m: EntityManager): Promise<number[]> => {
      const counts: number[] = [];
      for (const params of paramLists) counts.push(await this.run(sql, params, m));
      return counts;
    };
    return tx ? each(tx) : this.dataSource.transaction(each);
  }

  /**
   * runEach for writes that may be lost to a power failure but never to a crash of this process (see runUnsynced):
   * one commit that does not wait for the disk. On PostgreSQL, and inside a transaction, it is runEach.
   */
  async runEachUnsynced(sql: string, paramLists: readonly (readonly SqlValue[])[]): Promise<number> {
    if (paramLists.length === 0) return 0;
    const db = this.sqlite;
    if (!db || db.inTransaction) return this.runEach(sql, paramLists);
    return this.unsyncedNative(db, () => this.eachNative(db, sql, paramLists)).reduce((n, c) => n + c, 0);
  }

  /** Runs a synchronous write at NORMAL, then puts the connection back at its own level, also when the write throws. */
  private unsyncedNative<T>(db: NativeSqlite, write: () => T): T {
    const level = this.syncLevel(db);
    if (level <= SYNC_NORMAL) return write();
    this.prepared(db, `PRAGMA synchronous = ${SYNC_NORMAL}`).run();
    try {
      return write();
    } finally {
      this.prepared(db, `PRAGMA synchronous = ${level}`).run();
    }
  }

  /** True on SQLite: one connection in one process, so what this process has not written yet no other can read. */
  get singleProcess(): boolean {
    return this.sqlite !== null;
  }

  /**
   * Every parameter list through one statement in one native transaction (or the one already open), synchronously;
   * each statement's count of changed rows.
   */
  private eachNative(db: NativeSqlite, sql: string, paramLists: readonly (readonly SqlValue[])[]): number[] {
    const runAll = (): number[] => paramLists.map((params) => this.runNative(db, sql, params));
    if (db.inTransaction) return runAll();
    this.prepared(db, 'BEGIN').run();
    try {
      const changed = runAll();
      this.prepared(db, 'COMMIT').run();
      return changed;
    } catch (err) {
      if (db.inTransaction) this.prepared(db, 'ROLLBACK').run();
      throw err;
    }
  }

  /** One statement on the native SQLite connection, synchronously; the number of rows it changed. */
  private runNative(db: NativeSqlite, sql: string, params: readonly SqlValue[]): number {
    return this.prepared(db, sql).run(...params.map(toSqlite)).changes;
  }

  /** The connection's configured `synchronous` level (FULL, data-source-options.ts), read once per connection. */
  private syncLevel(db: NativeSqlite): number {
    // prepared() forgets the level when the connection is a new one.
    const read = this.prepared(db, 'PRAGMA synchronous');
    if (this.configuredSync === null) {
      const row = read.all()[0] as { synchronous?: unknown } | undefined;
      this.configuredSync = Number(row?.synchronous ?? SYNC_FULL);
    }
    return this.configuredSync;
  }

  /** PostgreSQL numbers its placeholders; anything else (SQLite through TypeORM's runner) keeps `?`. */
  private placeholders(sql: string): string {
    return this.dataSource.options.type === 'postgres' ? dollarPlaceholders(sql) : sql;
  }

  private prepared(db: NativeSqlite, sql: string): NativeStatement {
    if (this.preparedOn !== db) {
      this.statements.clear();
      this.preparedOn = db;
      this.configuredSync = null;
    }
    const cached = this.statements.get(sql);
    if (cached) return cached;
    // Every text passed here is a constant of a repository (or built from a fixed column list), so the map stays small.
    const stmt = db.prepare(sql);
    this.statements.set(sql, stmt);
    return stmt;
  }

  private runner(tx: EntityManager | undefined) {
    // TypeORM hands a transaction's manager its query runner; outside one, a runner from the pool is used and released.
    const bound = tx?.queryRunner;
    if (bound) return bound;
    const ds = this.dataSource;
    return {
      query: async (sql: string, params: unknown[], structured: true) => {
        const runner = ds.createQueryRunner();
        try {
          return await runner.query(sql, params, structured);
        } finally {
          await runner.release();
        }
      },
    };
  }
}

/** better-sqlite3 binds no booleans (TypeORM stores them as 0/1 too). */
function toSqlite(v: SqlValue): string | number | null {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v;
}

/** A bigint epoch-ms column read back as a Date (PostgreSQL returns bigint as a string), as the entities' transformer does. */
export function dateFrom(value: unknown): Date {
  return new Date(Number(value));
}

export function nullableDateFrom(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(Number(value));
}

export function nullableString(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
