/**
 * Legacy list semantics: filter operators, order, select and 50-row paging (bitrix24.md §4, §10 items 11-14).
 */
import { legacyError } from './api-error.js';
import { FIELD_DEFS, MULTIFIELD_TYPES, NUMERIC_TYPES, type EntityName } from './entity-fields.js';
import { parseDateInput } from './format.js';
import { asList, isRecord } from './params.js';

export const PAGE_SIZE = 50;

type Op = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | '!in' | 'like' | 'likeRaw' | '!like' | '!likeRaw';
// Longest prefixes first so `!=%` is not read as `!=` + `%…` (§4.2 table).
const PREFIXES: ReadonlyArray<readonly [string, Op]> = [
  ['!=%', '!likeRaw'],
  ['!%=', '!likeRaw'],
  ['=%', 'likeRaw'],
  ['%=', 'likeRaw'],
  ['!%', '!like'],
  ['!@', '!in'],
  ['!=', '!='],
  ['>=', '>='],
  ['<=', '<='],
  ['%', 'like'],
  ['@', 'in'],
  ['!', '!='],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];

/** Field kind used for comparisons. */
export type FieldKind = 'number' | 'datetime' | 'date' | 'string' | 'multi';

export function fieldKinds(entity: EntityName, ufTypes: ReadonlyMap<string, string>): Map<string, FieldKind> {
  const m = new Map<string, FieldKind>();
  for (const d of FIELD_DEFS[entity]) {
    if (d.type === 'crm_multifield') m.set(d.name, 'multi');
    else if (NUMERIC_TYPES.has(d.type)) m.set(d.name, 'number');
    else if (d.type === 'datetime') m.set(d.name, 'datetime');
    else if (d.type === 'date') m.set(d.name, 'date');
    else m.set(d.name, 'string');
  }
  for (const [name, t] of ufTypes) {
    m.set(name, t === 'integer' || t === 'double' ? 'number' : t === 'datetime' ? 'datetime' : t === 'date' ? 'date' : 'string');
  }
  return m;
}

interface Condition {
  field: string;
  op: Op;
  value: unknown;
}

function parseFilter(filter: Record<string, unknown>): Condition[] {
  const out: Condition[] = [];
  for (const [key, value] of Object.entries(filter)) {
    // `logic` groups are not supported by legacy crm.X.list (§4.2): they are ignored.
    if (key.toUpperCase() === 'LOGIC' || /^\d+$/.test(key)) continue;
    const p = PREFIXES.find(([prefix]) => key.startsWith(prefix));
    const op: Op = p ? p[1] : '=';
    const field = (p ? key.slice(p[0].length) : key).toUpperCase();
    out.push({ field, op, value });
  }
  return out;
}

/** Compares two scalars by field kind; null/empty sorts first. Pure. */
export function compareValues(a: unknown, b: unknown, kind: FieldKind, tz: string): number {
  const empty = (x: unknown): boolean => x === null || x === undefined || x === '';
  if (empty(a) || empty(b)) return empty(a) && empty(b) ? 0 : empty(a) ? -1 : 1;
  if (kind === 'number') return Number(a) - Number(b);
  if (kind === 'datetime' || kind === 'date') {
    const x = parseDateInput(a, tz);
    const y = parseDateInput(b, tz);
    if (x !== undefined && y !== undefined) {
      if (kind === 'date') return dayOf(a, tz) < dayOf(b, tz) ? -1 : dayOf(a, tz) > dayOf(b, tz) ? 1 : 0;
      return x - y;
    }
  }
  const sa = String(a).toLowerCase();
  const sb = String(b).toLowerCase();
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function dayOf(v: unknown, tz: string): string {
  const s = String(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(s) && s.length >= 10) return s.slice(0, 10);
  const ms = parseDateInput(v, tz);
  return ms === undefined ? s : new Date(ms).toISOString().slice(0, 10);
}

function likeToRegex(pattern: string, raw: boolean): RegExp {
  const esc = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!raw) return new RegExp(esc, 'i');
  return new RegExp(`^${esc.replace(/%/g, '.*').replace(/_/g, '.')}$`, 'i');
}

function matchScalar(actual: unknown, c: Condition, kind: FieldKind, tz: string): boolean {
  const list = asList(c.value);
  switch (c.op) {
    case '=':
      // Array on a plain key behaves as IN (unconfirmed for legacy, §4.2).
      if (list) return list.some((v) => compareValues(actual, v, kind, tz) === 0 && !isEmpty(actual) === !isEmpty(v));
      if (isEmpty(c.value)) return isEmpty(actual);
      return !isEmpty(actual) && compareValues(actual, c.value, kind, tz) === 0;
    case '!=':
      if (list) return !list.some((v) => !isEmpty(actual) && compareValues(actual, v, kind, tz) === 0);
      if (isEmpty(c.value)) return !isEmpty(actual);
      return isEmpty(actual) || compareValues(actual, c.value, kind, tz) !== 0;
    case 'in':
      return (list ?? [c.value]).some((v) => !isEmpty(actual) && compareValues(actual, v, kind, tz) === 0);
    case '!in':
      return !(list ?? [c.value]).some((v) => !isEmpty(actual) && compareValues(actual, v, kind, tz) === 0);
    case '>':
      return !isEmpty(actual) && compareValues(actual, c.value, kind, tz) > 0;
    case '>=':
      return !isEmpty(actual) && compareValues(actual, c.value, kind, tz) >= 0;
    case '<':
      return !isEmpty(actual) && compareValues(actual, c.value, kind, tz) < 0;
    case '<=':
      return !isEmpty(actual) && compareValues(actual, c.value, kind, tz) <= 0;
    case 'like':
      return !isEmpty(actual) && likeToRegex(String(c.value), false).test(String(actual));
    case 'likeRaw':
      return !isEmpty(actual) && likeToRegex(String(c.value), true).test(String(actual));
    case '!like':
      return isEmpty(actual) || !likeToRegex(String(c.value), false).test(String(actual));
    case '!likeRaw':
      return isEmpty(actual) || !likeToRegex(String(c.value), true).test(String(actual));
  }
}

function isEmpty(x: unknown): boolean {
  return x === null || x === undefined || x === '' || (Array.isArray(x) && x.length === 0);
}

/** Multifield filters are exact-match only (§4.2, §10 item 12). */
function matchMulti(actual: unknown, c: Condition): boolean {
  const values = (Array.isArray(actual) ? actual : []).map((m: unknown) => (isRecord(m) ? String(m['VALUE'] ?? '').toLowerCase() : ''));
  const wanted = (asList(c.value) ?? [c.value]).map((v) => String(v).toLowerCase());
  const hit = values.some((v) => wanted.includes(v));
  return c.op.startsWith('!') ? !hit : hit;
}

export interface ListQuery {
  filter?: unknown;
  order?: unknown;
  select?: unknown;
  start?: unknown;
}

export interface ListOptions {
  multiFields: boolean;
  ufPrefix: boolean;
  /** Directory-style lists (crm.status.list) return every match in one page. */
  unpaged?: boolean;
  /** Kind for fields missing from `kinds`; without it such filter keys are ignored. */
  defaultKind?: FieldKind;
}

export interface ListPage {
  rows: Record<string, unknown>[];
  total: number;
  next?: number;
}

/** Applies filter → order → page → select to get-shaped rows. Throws the legacy 400 errors for bad params. */
export function runListQuery(
  all: readonly Record<string, unknown>[],
  q: ListQuery,
  kinds: ReadonlyMap<string, FieldKind>,
  tz: string,
  opts: ListOptions = { multiFields: true, ufPrefix: true },
): ListPage {
  if (q.filter !== undefined && q.filter !== '' && !isRecord(q.filter) && !Array.isArray(q.filter)) {
    throw legacyError("Parameter 'filter' must be array.");
  }
  if (q.order !== undefined && q.order !== '' && !isRecord(q.order) && !Array.isArray(q.order)) {
    throw legacyError("Parameter 'order' must be array.");
  }
  const conditions = isRecord(q.filter) ? parseFilter(q.filter) : [];
  let rows = all.filter((r) =>
    conditions.every((c) => {
      const kind = kinds.get(c.field) ?? opts.defaultKind;
      if (kind === undefined) return true; // unknown filter fields are ignored (unconfirmed)
      return kind === 'multi' ? matchMulti(r[c.field], c) : matchScalar(r[c.field], c, kind, tz);
    }),
  );
  const order = isRecord(q.order) ? Object.entries(q.order) : [];
  if (order.length > 0) {
    rows = [...rows].sort((a, b) => {
      for (const [f, dir] of order) {
        const field = f.toUpperCase();
        const kind = kinds.get(field) ?? 'string';
        const c = compareValues(a[field], b[field], kind, tz);
        if (c !== 0) return String(dir).toUpperCase() === 'DESC' ? -c : c;
      }
      return 0;
    });
  }
  const startRaw = Number(typeof q.start === 'string' || typeof q.start === 'number' ? q.start : 0);
  const noCount = startRaw === -1;
  const start = noCount || !Number.isFinite(startRaw) || startRaw < 0 ? 0 : Math.floor(startRaw);
  const page = opts.unpaged ? rows : rows.slice(start, start + PAGE_SIZE);
  const selected = page.map((r) => project(r, q.select, kinds, opts));
  // start=-1 disables COUNT: total 0 and no next (§4.1).
  if (noCount) return { rows: selected, total: 0 };
  const total = rows.length;
  if (opts.unpaged) return { rows: selected, total };
  return start + PAGE_SIZE < total ? { rows: selected, total, next: start + PAGE_SIZE } : { rows: selected, total };
}

/** `select`: `*` = standard fields without UF and multifields; `UF_*`; explicit names. Default `*` + `UF_*` (§4.3). */
function project(row: Record<string, unknown>, select: unknown, kinds: ReadonlyMap<string, FieldKind>, opts: ListOptions): Record<string, unknown> {
  const list = (asList(select) ?? []).map((s) => String(s).toUpperCase());
  const names = list.length === 0 ? ['*', 'UF_*'] : list;
  const multi = new Set<string>(MULTIFIELD_TYPES);
  const out: Record<string, unknown> = { ID: row['ID'] };
  const wantAll = names.includes('*');
  const wantUf = names.includes('UF_*');
  for (const [k, v] of Object.entries(row)) {
    const isUf = opts.ufPrefix && k.startsWith('UF_');
    const isMulti = opts.multiFields && multi.has(k);
    if (names.includes(k) || (wantAll && !isUf && !isMulti) || (wantUf && isUf)) out[k] = v;
  }
  // Explicitly selected multifields with no values: omitted, as in get (§8).
  for (const n of names) if (!(n in out) && kinds.has(n) && !multi.has(n) && n in row) out[n] = row[n];
  return out;
}
