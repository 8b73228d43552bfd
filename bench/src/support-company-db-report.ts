import Database from 'better-sqlite3';
import { Tally } from './support-load-stats.js';

/** What the companies' databases hold after a load run, read once the service has stopped. */
export interface CompanyDbReport {
  /** Companies whose inbox stored exactly the events the bench saw queued, none still pending. */
  eventsComplete: number;
  readonly events: Tally;
  readonly outbox: Tally;
  syncErrors: number;
  readonly syncErrorCodes: Tally;
}

const grouped = (db: Database.Database, sql: string): { key: string; n: number }[] =>
  db
    .prepare(sql)
    .all()
    .map((row) => {
      const r = row as { k: unknown; n: unknown };
      return { key: String(r.k), n: Number(r.n) };
    });

/** Reads the inbox, outbox and sync_error of each company's SQLite file (`queued`: events the bench saw queued). */
export function readCompanyDbs(companies: readonly { dbFile: string; queued: number }[]): CompanyDbReport {
  const report: CompanyDbReport = { eventsComplete: 0, events: new Tally(), outbox: new Tally(), syncErrors: 0, syncErrorCodes: new Tally() };
  for (const c of companies) {
    const db = new Database(c.dbFile, { readonly: true });
    try {
      let stored = 0;
      let pending = 0;
      for (const { key, n } of grouped(db, 'SELECT status AS k, COUNT(*) AS n FROM b24_event GROUP BY status')) {
        report.events.add(key, n);
        stored += n;
        if (key === 'pending') pending += n;
      }
      if (stored === c.queued && pending === 0) report.eventsComplete += 1;
      for (const { key, n } of grouped(db, 'SELECT status AS k, COUNT(*) AS n FROM outbox GROUP BY status')) report.outbox.add(key, n);
      for (const { key, n } of grouped(db, 'SELECT code AS k, COUNT(*) AS n FROM sync_error GROUP BY code')) {
        report.syncErrors += n;
        report.syncErrorCodes.add(key, n);
      }
    } finally {
      db.close();
    }
  }
  return report;
}
