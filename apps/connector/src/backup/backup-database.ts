import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { MIGRATIONS, MIGRATIONS_TABLE } from '../database/migrations.js';
import { BackupError, USE_PG_DUMP_MESSAGE } from './backup.error.js';
import type { BackupReason } from './backup-reason.js';
import { backupSqliteFile, hasPendingMigrations, type BackupResult } from './sqlite-backup.js';

/**
 * Backup file names start with the database file's name, plus the company when one service hosts several,
 * so pruning only ever counts this database's backups.
 */
export function backupPrefix(config: AppConfig): string {
  const base = config.database.type === 'sqlite' ? path.parse(config.database.path).name : 'connector';
  return config.companyId === 'default' ? base : `${base}-${config.companyId}`;
}

/** One online backup of this company's SQLite database into BACKUP_DIR, then pruning to BACKUP_KEEP. Throws BackupError on PostgreSQL. */
export async function backupDatabase(config: AppConfig, reason: BackupReason, at: Date): Promise<BackupResult> {
  const db = config.database;
  if (db.type === 'postgres') throw new BackupError('USE_PG_DUMP', USE_PG_DUMP_MESSAGE);
  if (db.path === ':memory:' || !existsSync(db.path)) {
    throw new BackupError('NO_DATABASE_FILE', `There is no database file to back up (${db.path === ':memory:' ? 'in-memory database' : db.path}).`);
  }
  return backupSqliteFile({
    dbPath: db.path,
    dir: config.backup.dir,
    prefix: backupPrefix(config),
    reason,
    at,
    keep: config.backup.keep,
    busyTimeoutMs: db.busyTimeoutMs,
  });
}

/**
 * Before migrations run at start: a backup when the SQLite file already exists and has migrations pending, so
 * an upgrade that goes wrong can be undone. A new installation (no file, or an empty one: SQLite treats it as a new
 * database) or an up-to-date one makes none.
 */
export async function backupBeforeMigrations(config: AppConfig, at: Date): Promise<BackupResult | null> {
  const db = config.database;
  if (db.type !== 'sqlite' || db.path === ':memory:' || !existsSync(db.path) || statSync(db.path).size === 0) return null;
  const names = MIGRATIONS.map((m) => new m().name ?? m.name);
  if (!hasPendingMigrations(db.path, MIGRATIONS_TABLE, names, db.busyTimeoutMs)) return null;
  return backupDatabase(config, 'pre-migration', at);
}
