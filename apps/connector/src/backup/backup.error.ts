export type BackupErrorCode = 'USE_PG_DUMP' | 'NO_DATABASE_FILE';

/** A backup this service cannot make; BackupErrorFilter answers it over HTTP, the CLI prints it. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export const USE_PG_DUMP_MESSAGE =
  'This service stores its data in PostgreSQL: back it up with pg_dump (pg_dump -Fc -f connector.dump "$DATABASE_URL") and restore with pg_restore; see the README section "Backups".';
