import Database from 'better-sqlite3';
import path from 'node:path';

export interface WorkerBacklog {
  /** Staged QuickBooks pages not yet in Bitrix24 (set-aside ones excluded: they wait for an operator). */
  readonly pages: number;
  /** Stored Bitrix24 events not yet turned into QuickBooks writes. */
  readonly events: number;
}

const count = (db: Database.Database, sql: string): number => Number((db.prepare(sql).get() as { n: unknown } | undefined)?.n ?? 0);

/** What the Bitrix24 worker of one company still has to do, read from its SQLite file (WAL: readers never block it). */
export function workerBacklog(dbFile: string): WorkerBacklog {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return {
      pages: count(db, "SELECT COUNT(*) AS n FROM staged_page WHERE status = 'pending'"),
      events: count(db, "SELECT COUNT(*) AS n FROM b24_event WHERE status = 'pending'"),
    };
  } finally {
    db.close();
  }
}

export const companyDbFile = (dataDir: string, id: string): string => path.join(dataDir, 'companies', id, 'connector.sqlite');

/**
 * The out-of-process form of `B24SyncWorkerService.drain()`: waits until no company's worker has a staged page or
 * a pending event left (the worker runs by itself: kicked after staging and every 5 s), or until `timeoutMs`.
 * Resolves with the backlog still left (all zero when drained) and the time it took.
 */
export async function waitForWorkers(dbFiles: readonly string[], timeoutMs: number): Promise<{ left: WorkerBacklog; ms: number }> {
  const t0 = Date.now();
  for (;;) {
    let pages = 0;
    let events = 0;
    for (const f of dbFiles) {
      const b = workerBacklog(f);
      pages += b.pages;
      events += b.events;
    }
    const ms = Date.now() - t0;
    if ((pages === 0 && events === 0) || ms > timeoutMs) return { left: { pages, events }, ms };
    await new Promise((r) => setTimeout(r, 250));
  }
}
