/**
 * The fixed SQL of the sync journal's per-record inserts (database/raw-sql.ts). A page's log entries go in as one
 * JSON array bound to one statement: one kept statement text whatever the page size, and one atomic insert, as
 * TypeORM's multi-row insert was. The JSON functions differ, so each database has its text.
 */
const LOG_COLUMNS = ['direction', 'action', 'qbEntity', 'qbId', 'b24Entity', 'b24Id', 'detail'] as const;
const INTO = `INSERT INTO "sync_log" (${LOG_COLUMNS.map((c) => `"${c}"`).join(', ')}, "at")`;

/**
 * Binds `at` (epoch ms) then the entries as a JSON array of arrays in LOG_COLUMNS order. A JSON null reads back as
 * SQL NULL on both (SQLite json_extract; PostgreSQL ->>). Rows are inserted in the array's order, so ids follow it.
 * Bound values in a SELECT list have no column type on PostgreSQL (they would be text), hence the CASTs.
 */
export function insertLogSql(type: 'postgres' | 'sqlite'): string {
  if (type === 'postgres') {
    const fields = LOG_COLUMNS.map((_, i) => `"e" ->> ${i}`).join(', ');
    return `${INTO} SELECT ${fields}, CAST(? AS BIGINT) FROM json_array_elements(CAST(? AS json)) WITH ORDINALITY AS "t"("e", "n") ORDER BY "n"`;
  }
  const fields = LOG_COLUMNS.map((_, i) => `json_extract("value", '$[${i}]')`).join(', ');
  return `${INTO} SELECT ${fields}, ? FROM json_each(?) ORDER BY "key"`;
}

export type LogRow = Readonly<Record<(typeof LOG_COLUMNS)[number], string | null>>;

/**
 * A lone UTF-16 surrogate (a string cut mid-character) becomes U+FFFD, as it did when bound as a parameter (the
 * drivers encode it as UTF-8 with a replacement). Inside JSON it would be an escape `\ud800` that PostgreSQL's `->>`
 * refuses, failing the whole page's log.
 */
const wellFormed = (v: string | null): string | null => (v !== null && /\p{Surrogate}/u.test(v) ? v.replace(/\p{Surrogate}/gu, '\uFFFD') : v);

/** The entries as the JSON array insertLogSql binds. Pure. */
export function logRowsJson(rows: readonly LogRow[]): string {
  return JSON.stringify(rows.map((r) => LOG_COLUMNS.map((c) => wellFormed(r[c]))));
}

export const INSERT_ERROR = `INSERT INTO "sync_error" ("runId", "source", "entity", "recordId", "code", "message", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)`;

/** A run as a session or an admin action starts it; RETURNING gives its id on SQLite (3.35+) and PostgreSQL alike. */
export const INSERT_RUN = `INSERT INTO "sync_run" ("trigger", "ticketPrefix", "status", "statsJson", "error", "startedAt", "finishedAt") VALUES (?, ?, 'running', '{}', NULL, ?, NULL) RETURNING "id"`;
/**
 * A run's counts, read to be merged and written back in the same transaction. PostgreSQL locks the row (FOR UPDATE),
 * so two processes adding a page's counts at once add both; SQLite has one writer at a time and no such clause.
 */
export const runStatsSql = (type: 'postgres' | 'sqlite'): string =>
  `SELECT "statsJson" FROM "sync_run" WHERE "id" = ?${type === 'postgres' ? ' FOR UPDATE' : ''}`;
export const SET_RUN_STATS = `UPDATE "sync_run" SET "statsJson" = ? WHERE "id" = ?`;
export const FINISH_RUN = `UPDATE "sync_run" SET "status" = ?, "statsJson" = ?, "error" = ?, "finishedAt" = ? WHERE "id" = ?`;
