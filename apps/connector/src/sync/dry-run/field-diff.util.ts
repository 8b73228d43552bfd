import type { Bitrix24Params } from '@qb-b24/bitrix24-client';

/** One field the next sync would write, as the record holds it now and as it will hold it. */
export interface FieldChange {
  readonly field: string;
  /** null for a record that does not exist yet, or a field it does not hold */
  readonly before: unknown;
  readonly after: unknown;
  /** Set when a candidate mapping is previewed and the rules in force would write a different value here. */
  readonly fromRulesChange?: boolean;
}

/** The product rows of a deal, shown as one field (crm.deal.productrows.set replaces them all). */
export const PRODUCT_ROWS = 'PRODUCT_ROWS';

const MULTI_FIELDS = new Set(['EMAIL', 'PHONE']);

/**
 * A Bitrix24 value as the dry run shows and compares it. Bitrix24 answers numbers as strings ("120.00"), so
 * numeric strings become numbers, midnight datetimes their date; EMAIL/PHONE become their VALUE lists (the worker patches them to exactly the
 * desired set, phones compared by digits); anything else is kept. Pure.
 */
export function shownValue(field: string, v: unknown): unknown {
  if (MULTI_FIELDS.has(field)) return multiValues(field, v);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) && !/^0\d/.test(v.trim())) return Number(v);
  // A date field comes back as midnight in the portal's zone ("2023-09-14T00:00:00+03:00"); we write the bare date.
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T00:00:00([+-]\d{2}:\d{2}|Z)?$/.test(v)) return v.slice(0, 10);
  if (v === undefined || v === '') return null;
  return v;
}

function multiValues(field: string, v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const norm = field === 'PHONE' ? (s: string) => s.replace(/\D+/g, '') : (s: string) => s.trim().toLowerCase();
  const out = new Set<string>();
  for (const x of v) {
    if (typeof x !== 'object' || x === null) continue;
    const value = (x as Record<string, unknown>)['VALUE'];
    if (typeof value === 'string' && norm(value) !== '') out.add(norm(value));
  }
  return [...out].sort();
}

/** Current product rows narrowed to the columns we write, in the shape they are compared in. Pure. */
export function shownRows(rows: readonly Record<string, unknown>[], like: readonly Bitrix24Params[]): Record<string, unknown>[] {
  const keys = [...new Set(like.flatMap((r) => Object.keys(r)))];
  return rows.map((r) => Object.fromEntries(keys.filter((k) => k in r).map((k) => [k, shownValue(k, r[k])])));
}

/**
 * The fields `desired` would change on a record that holds `current` (null: the record is created, every field
 * is new). Rows, when given, are compared as one PRODUCT_ROWS field. Pure.
 */
export function diffFields(
  current: Record<string, unknown> | null,
  desired: Bitrix24Params,
  rows?: { readonly current: readonly Record<string, unknown>[]; readonly desired: readonly Bitrix24Params[] },
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, value] of Object.entries(desired)) {
    const after = shownValue(field, value);
    const before = current === null ? null : shownValue(field, current[field]);
    if (current === null || !sameValue(before, after)) changes.push({ field, before, after });
  }
  if (rows) {
    const after = shownRows(rows.desired, rows.desired);
    const before = current === null ? null : shownRows(rows.current, rows.desired);
    if (current === null || !sameValue(before, after)) changes.push({ field: PRODUCT_ROWS, before, after });
  }
  return changes;
}

/** Structural equality of shown values (JSON-like data only). Pure. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
