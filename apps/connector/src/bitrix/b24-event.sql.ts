import { dateFrom, nullableDateFrom, nullableString, type SqlRow } from '../database/raw-sql.js';
import { B24_EVENT_STATUSES, type B24EventEntity, type B24EventStatus } from './b24-event.entity.js';

/**
 * The fixed SQL of the inbox statements every webhook and the worker's every event run (database/raw-sql.ts).
 * Identifiers are quoted, so each text runs unchanged on SQLite and PostgreSQL.
 */
const COLUMNS = [
  'id',
  'dedupeKey',
  'event',
  'b24Entity',
  'b24Id',
  'action',
  'ts',
  'status',
  'note',
  'receivedAt',
  'processedAt',
] as const satisfies readonly (keyof B24EventEntity)[];

/**
 * Stores an event unless the same key is still waiting, in one statement (changes 0: a duplicate). Bound values in a
 * SELECT list have no column type on PostgreSQL (they would be text), hence the CAST of the bigint timestamp.
 */
export const STORE_UNLESS_WAITING = `INSERT INTO "b24_event" ("dedupeKey", "event", "b24Entity", "b24Id", "action", "ts", "status", "note", "receivedAt", "processedAt")
  SELECT ?, ?, ?, ?, ?, ?, 'pending', NULL, CAST(? AS BIGINT), NULL
  WHERE NOT EXISTS (SELECT 1 FROM "b24_event" WHERE "dedupeKey" = ? AND "status" = 'pending')`;

export const PENDING = `SELECT ${COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "b24_event" WHERE "status" = 'pending' ORDER BY "id" ASC LIMIT ?`;

export const MARK_PROCESSED = `UPDATE "b24_event" SET "status" = ?, "note" = ?, "processedAt" = ? WHERE "id" = ?`;

function statusFrom(value: unknown): B24EventStatus {
  const status = B24_EVENT_STATUSES.find((s) => s === value);
  if (!status) throw new Error(`b24_event holds an unknown status ${JSON.stringify(value)}`);
  return status;
}

export function eventFromRow(r: SqlRow): B24EventEntity {
  return {
    id: Number(r['id']),
    dedupeKey: String(r['dedupeKey']),
    event: String(r['event']),
    b24Entity: String(r['b24Entity']),
    b24Id: String(r['b24Id']),
    action: String(r['action']),
    ts: nullableString(r['ts']),
    status: statusFrom(r['status']),
    note: nullableString(r['note']),
    receivedAt: dateFrom(r['receivedAt']),
    processedAt: nullableDateFrom(r['processedAt']),
  };
}
