import { dateFrom, nullableString, type SqlRow } from '../database/raw-sql.js';
import type { IdMappingEntity } from './id-mapping.entity.js';

/**
 * The fixed SQL of the id_mapping statements the Bitrix24 worker runs per record (database/raw-sql.ts). Identifiers
 * are quoted, so each text runs unchanged on SQLite and PostgreSQL.
 */
const COLUMNS = [
  'id',
  'qbEntity',
  'qbId',
  'b24Entity',
  'b24Id',
  'qbEditSequence',
  'qbHash',
  'b24Hash',
  'baseJson',
  'status',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof IdMappingEntity)[];
const SELECT = `SELECT ${COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "id_mapping"`;

/** The columns a link or an update may set, in a fixed order so each combination is one kept statement. */
export const CHANGEABLE = ['qbId', 'qbEntity', 'b24Entity', 'b24Id', 'qbEditSequence', 'qbHash', 'b24Hash', 'baseJson', 'status', 'updatedAt'] as const;
export type Changeable = (typeof CHANGEABLE)[number];

export const BY_QB_ID = `${SELECT} WHERE "qbEntity" = ? AND "qbId" = ?`;
export const BY_B24_ID = `${SELECT} WHERE "b24Entity" = ? AND "b24Id" = ?`;

/**
 * A record's links in id order. TypeORM's findBy named no order and SQLite's index scan gave this one; sorting the
 * one or two rows here costs nothing, where an ORDER BY made SQLite's statement about four times dearer.
 */
export const inIdOrder = (rows: IdMappingEntity[]): IdMappingEntity[] => rows.sort((a, b) => a.id - b.id);

const INSERT_COLUMNS = COLUMNS.filter((c) => c !== 'id');
/**
 * A first link. ON CONFLICT: another transaction may have made the same link since this one's update found none
 * (two processes on PostgreSQL; the constraint uq_id_mapping_qb); nothing is inserted then and link() updates that
 * row instead of failing on the unique constraint. SQLite (3.24+) and PostgreSQL (9.5+) read the clause alike.
 */
export const INSERT = `INSERT INTO "id_mapping" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT ("qbEntity", "qbId", "b24Entity") DO NOTHING`;
export type InsertRow = Readonly<Record<(typeof INSERT_COLUMNS)[number], string | number | null>>;
export const insertParams = (row: InsertRow) => INSERT_COLUMNS.map((c) => row[c]);

/** At most this many ids per lookup (PostgreSQL and SQLite both allow far more bound values). */
export const QB_IDS_CHUNK = 512;

/**
 * A lookup of n QuickBooks ids binds the next power of two of them (the last id repeated: a repeated IN value
 * changes nothing), so 1 to 512 ids share ten statement texts instead of 512.
 */
export function byQbIdsFor(n: number): { sql: string; size: number } {
  let size = 1;
  while (size < n) size *= 2;
  const marks = Array.from({ length: size }, () => '?').join(', ');
  return { sql: `${SELECT} WHERE "qbEntity" = ? AND "b24Entity" = ? AND "qbId" IN (${marks})`, size };
}

/** `UPDATE … SET <columns> WHERE <key>`: the key is the id, or the QuickBooks key a link is found by. */
export function updateSql(set: readonly Changeable[], where: 'id' | 'qbKey'): string {
  const key = where === 'id' ? '"id" = ?' : '"qbEntity" = ? AND "qbId" = ? AND "b24Entity" = ?';
  return `UPDATE "id_mapping" SET ${set.map((c) => `"${c}" = ?`).join(', ')} WHERE ${key}`;
}

export function mappingFromRow(r: SqlRow): IdMappingEntity {
  return {
    id: Number(r['id']),
    qbEntity: String(r['qbEntity']),
    qbId: String(r['qbId']),
    b24Entity: String(r['b24Entity']),
    b24Id: String(r['b24Id']),
    qbEditSequence: nullableString(r['qbEditSequence']),
    qbHash: nullableString(r['qbHash']),
    b24Hash: nullableString(r['b24Hash']),
    baseJson: nullableString(r['baseJson']),
    status: String(r['status']),
    createdAt: dateFrom(r['createdAt']),
    updatedAt: dateFrom(r['updatedAt']),
  };
}
