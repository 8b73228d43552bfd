import Database from 'better-sqlite3';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Another program holding the SQLite write lock of the connector's database file (a backup tool, a second
 * connector started by mistake, an operator's `sqlite3` shell): a second connection in `BEGIN IMMEDIATE`.
 * The database is in WAL mode, so the app can still read; every write waits DATABASE_BUSY_TIMEOUT_MS and
 * then fails with SQLITE_BUSY.
 */
export class DbWriteLock {
  private readonly db: Database.Database;
  private held = false;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('busy_timeout = 5000');
  }

  hold(): void {
    this.db.exec('BEGIN IMMEDIATE');
    this.held = true;
  }

  /** Ends the transaction without writing anything. */
  release(): void {
    if (!this.held) return;
    this.db.exec('ROLLBACK');
    this.held = false;
  }

  close(): void {
    this.release();
    this.db.close();
  }
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.exec('BEGIN IMMEDIATE');
parentPort.postMessage('locked');
setTimeout(() => { db.exec('ROLLBACK'); db.close(); parentPort.postMessage('released'); }, workerData.holdMs);
`;

/**
 * Holds the write lock from another thread for `holdMs` and resolves once it is held; `released` settles when
 * the lock is gone. A thread is needed because better-sqlite3 waits for a lock synchronously: while the app
 * (in this thread) waits, nothing in this thread could release it.
 */
export async function holdWriteLockBriefly(file: string, holdMs: number): Promise<{ released: Promise<void> }> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { module, file, holdMs } });
  const messages: string[] = [];
  let wake: (() => void) | undefined;
  worker.on('message', (m: unknown) => {
    messages.push(String(m));
    wake?.();
  });
  const until = async (what: string): Promise<void> => {
    const failed = once(worker, 'error').then(([err]) => {
      throw err instanceof Error ? err : new Error(String(err));
    });
    failed.catch(() => undefined);
    while (!messages.includes(what)) {
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), failed]);
    }
  };
  await until('locked');
  const released = until('released').then(() => worker.terminate().then(() => undefined));
  return { released };
}
