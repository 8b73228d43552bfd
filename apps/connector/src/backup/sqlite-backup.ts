import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../common/private-files.js';
import { backupFileName, backupsToPrune } from './backup-file-name.js';
import type { BackupReason } from './backup-reason.js';

export interface SqliteBackupRequest {
  readonly dbPath: string;
  readonly dir: string;
  readonly prefix: string;
  readonly reason: BackupReason;
  readonly at: Date;
  readonly keep: number;
  readonly busyTimeoutMs: number;
}

export interface BackupResult {
  /** Absolute path of the file written. */
  readonly file: string;
  readonly reason: BackupReason;
  readonly bytes: number;
  readonly createdAt: string;
  /** Older backups deleted to keep the newest BACKUP_KEEP. */
  readonly removed: readonly string[];
}

/**
 * Copies the live database with SQLite's online backup API through its own connection: it reads a consistent
 * snapshot while the service keeps writing (a file copy of a WAL database can miss or tear pages). The copy is
 * written under a temporary name and renamed, so a file that looks like a backup is always complete. Then prunes.
 */
export async function backupSqliteFile(req: SqliteBackupRequest): Promise<BackupResult> {
  mkdirSync(req.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  let sequence = 0;
  while (existsSync(path.join(req.dir, backupFileName(req.prefix, req.at, req.reason, sequence)))) sequence += 1;
  const file = path.join(req.dir, backupFileName(req.prefix, req.at, req.reason, sequence));
  const partial = `${file}.partial`;
  const db = new Database(req.dbPath, { fileMustExist: true, timeout: req.busyTimeoutMs });
  try {
    await db.backup(partial);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
  // The umask already makes it owner-only in the service and the CLI; this covers any other caller. Windows
  // ignores modes: the file inherits the (restricted) data folder's ACL there.
  if (process.platform !== 'win32') chmodSync(partial, PRIVATE_FILE_MODE);
  renameSync(partial, file);
  const removed = backupsToPrune(req.prefix, readdirSync(req.dir), req.keep);
  for (const name of removed) rmSync(path.join(req.dir, name), { force: true });
  return { file, reason: req.reason, bytes: statSync(file).size, createdAt: req.at.toISOString(), removed };
}

/**
 * Whether an existing database file lacks any of the given migrations (by name, as TypeORM records them in
 * `migrationsTable`). A file without that table has everything pending.
 */
export function hasPendingMigrations(dbPath: string, migrationsTable: string, names: readonly string[], busyTimeoutMs: number): boolean {
  // Not read-only: after a crash the -wal may need recovering before the table can be read, which a read-only
  // connection cannot always do. Nothing is written.
  const db = new Database(dbPath, { fileMustExist: true, timeout: busyTimeoutMs });
  try {
    const table = db.prepare('SELECT name FROM sqlite_master WHERE type = ? AND name = ?').get('table', migrationsTable);
    if (table === undefined) return names.length > 0;
    const done = new Set(
      db
        .prepare(`SELECT name FROM "${migrationsTable}"`)
        .all()
        .map((r) => (typeof r === 'object' && r !== null && 'name' in r ? String(r.name) : '')),
    );
    return names.some((n) => !done.has(n));
  } finally {
    db.close();
  }
}
