import type { ValueTransformer } from 'typeorm';

/**
 * Timestamps are stored as epoch milliseconds in a `bigint` column: SQLite has no timestamp type and
 * PostgreSQL returns bigint as a string, so one transformer keeps the same entities working on both.
 */
export const epochMs: ValueTransformer = {
  to: (value: Date | null | undefined): number | null => (value instanceof Date ? value.getTime() : null),
  from: (value: string | number | null): Date | null => (value === null || value === undefined ? null : new Date(Number(value))),
};
