/** Why a backup was made; part of its file name so an operator can tell them apart. */
export const BACKUP_REASONS = ['daily', 'pre-migration', 'manual'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];
