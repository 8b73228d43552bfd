/**
 * Whether an error means "another writer holds the database" rather than a fault of ours: SQLite's
 * SQLITE_BUSY/SQLITE_LOCKED after the busy timeout (another process, a backup tool, an antivirus scan on
 * Windows), or PostgreSQL's lock_not_available. TypeORM wraps driver errors in `driverError`.
 */
export function isDatabaseBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; typeof e === 'object' && e !== null && depth < 3; depth += 1) {
    const code = 'code' in e ? String(e.code) : '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === '55P03') return true;
    e = 'driverError' in e ? e.driverError : 'cause' in e ? e.cause : undefined;
  }
  return false;
}

/** What an operator or a retrying client is told; nothing was stored. */
export const DATABASE_BUSY_MESSAGE =
  'The connector database is busy (another process holds its lock); nothing was stored. Retry shortly; if it persists, look for a backup or antivirus tool locking the data folder, or raise DATABASE_BUSY_TIMEOUT_MS.';
