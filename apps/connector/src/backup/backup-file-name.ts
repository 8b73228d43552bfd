import { BACKUP_REASONS, type BackupReason } from './backup-reason.js';

export interface BackupFileInfo {
  readonly name: string;
  /** The UTC timestamp part, sortable as text. */
  readonly stamp: string;
  readonly reason: BackupReason;
  /** Tells apart backups made in the same millisecond. */
  readonly sequence: number;
}

/**
 * `<prefix>-2026-12-06T19-33-10-123Z-<reason>[-<n>].sqlite`: an ISO 8601 UTC time with `-` instead of `:` and
 * `.`, because Windows refuses `:` in file names. Pure.
 */
export function backupFileName(prefix: string, at: Date, reason: BackupReason, sequence = 0): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  return `${prefix}-${stamp}-${reason}${sequence > 0 ? `-${sequence}` : ''}.sqlite`;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads a name written by backupFileName with this prefix; anything else (another company's, a partial file) is null. Pure. */
export function parseBackupFileName(prefix: string, name: string): BackupFileInfo | null {
  const re = new RegExp(`^${escapeRegExp(prefix)}-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)-(${BACKUP_REASONS.join('|')})(?:-(\\d+))?\\.sqlite$`);
  const m = re.exec(name);
  const reason = BACKUP_REASONS.find((r) => r === m?.[2]);
  if (!m?.[1] || !reason) return null;
  return { name, stamp: m[1], reason, sequence: m[3] ? Number(m[3]) : 0 };
}

/** This prefix's backups among `names`, newest first. Pure. */
export function listBackups(prefix: string, names: readonly string[]): BackupFileInfo[] {
  return names
    .map((n) => parseBackupFileName(prefix, n))
    .filter((b): b is BackupFileInfo => b !== null)
    .sort((a, b) => (a.stamp === b.stamp ? b.sequence - a.sequence : a.stamp < b.stamp ? 1 : -1));
}

/** The backups to delete so that the newest `keep` remain (whatever their reason). Pure. */
export function backupsToPrune(prefix: string, names: readonly string[], keep: number): string[] {
  return listBackups(prefix, names)
    .slice(keep)
    .map((b) => b.name);
}

/** When a backup stamp was taken. Pure. */
export function stampToDate(stamp: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  return m ? new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`) : new Date(Number.NaN);
}
