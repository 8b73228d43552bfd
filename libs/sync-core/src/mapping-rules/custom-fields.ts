import type { DataExtRet } from '@qb-b24/qbxml';
import type { CustomFieldB24Entity, CustomFieldQbEntity, CustomFieldRule, MappingRules } from './mapping-rules.type.js';

/** A Bitrix24 user field's definition as the conversion needs it (crm.X.userfield.list, bitrix24.md §5.13). */
export interface UserFieldDef {
  readonly fieldName: string;
  /** string, integer, double, boolean, enumeration, date, datetime, money, url, … */
  readonly type: string;
  /** enumeration items: ID and label (VALUE) */
  readonly items: readonly { readonly id: string; readonly label: string }[];
}

/** A value that could not be converted, for the journal. */
export interface CustomFieldProblem {
  readonly field: string;
  readonly message: string;
}

/** The rules that carry values from this QuickBooks entity to this Bitrix24 entity. Pure. */
export function rulesToB24(rules: MappingRules, qb: CustomFieldQbEntity, b24: CustomFieldB24Entity): CustomFieldRule[] {
  return rules.customFields.filter((r) => r.qb.entity === qb && r.b24.entity === b24 && r.direction !== 'toQb');
}

/** The rules that send values from this Bitrix24 entity to this QuickBooks entity (both / toQb). Pure. */
export function rulesToQb(rules: MappingRules, qb: CustomFieldQbEntity, b24: CustomFieldB24Entity): CustomFieldRule[] {
  return rules.customFields.filter((r) => r.qb.entity === qb && r.b24.entity === b24 && r.direction !== 'toB24');
}

/** Every rule between the two entities, whatever its direction: what both sides must agree on to be in sync. Pure. */
export function rulesBetween(rules: MappingRules, qb: CustomFieldQbEntity, b24: CustomFieldB24Entity): CustomFieldRule[] {
  return rules.customFields.filter((r) => r.qb.entity === qb && r.b24.entity === b24);
}

/**
 * OwnerID 0 on a QuickBooks query when some rule names custom fields of that entity (qbxml.md §4.10): read for
 * `toB24` and `both`, and for `toQb` too, so a value QuickBooks already holds is recognised as in sync. Pure.
 */
export function customFieldOwnerIds(rules: MappingRules, qb: CustomFieldQbEntity): { OwnerID?: readonly string[] } {
  return rules.customFields.some((r) => r.qb.entity === qb) ? { OwnerID: ['0'] } : {};
}

/**
 * A user field's or product property's value as plain text: legacy reads give strings, numbers, arrays for multiple
 * fields, and product properties `{ valueId, value }` (bitrix24.md §5.13; the read shape of properties is
 * unconfirmed, so a bare value is accepted too). Multiple values are joined with ", ". Pure.
 */
export function plainUserFieldValue(raw: unknown): string {
  if (raw === null || raw === undefined || raw === false) return '';
  if (Array.isArray(raw))
    return raw
      .map(plainUserFieldValue)
      .filter((v) => v !== '')
      .join(', ');
  if (typeof raw === 'object') return 'value' in raw ? plainUserFieldValue(raw.value) : '';
  return String(raw);
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

function toIsoDate(text: string): string | undefined {
  const iso = ISO_DATE.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  // QuickBooks custom fields are free text (STR255, qbxml.md §4.10); US companies type dates as MM/DD/YYYY.
  const us = US_DATE.exec(text);
  if (us) return `${us[3]}-${(us[1] ?? '').padStart(2, '0')}-${(us[2] ?? '').padStart(2, '0')}`;
  return undefined;
}

/**
 * One QuickBooks custom-field text as the user field's write format (bitrix24.md §5.13 table): numbers as numbers,
 * dates as YYYY-MM-DD, booleans Y/N, enumerations by their label → item ID. '' clears (an absent QuickBooks value).
 */
export function toUserFieldValue(text: string, def: UserFieldDef | undefined): { value: string | number } | { problem: string } {
  const t = text.trim();
  if (t === '') return { value: '' };
  switch (def?.type) {
    case 'integer':
    case 'double': {
      const n = Number(t.replace(/,/g, ''));
      if (!Number.isFinite(n) || (def.type === 'integer' && !Number.isInteger(n)))
        return { problem: `"${t}" is not ${def.type === 'integer' ? 'a whole number' : 'a number'}` };
      return { value: n };
    }
    case 'date':
    case 'datetime': {
      const d = toIsoDate(t);
      return d === undefined ? { problem: `"${t}" is not a date (YYYY-MM-DD or MM/DD/YYYY)` } : { value: d };
    }
    case 'boolean':
      if (/^(y|yes|true|1)$/i.test(t)) return { value: 'Y' };
      if (/^(n|no|false|0)$/i.test(t)) return { value: 'N' };
      return { problem: `"${t}" is not yes or no` };
    case 'enumeration': {
      const item = def.items.find((i) => i.label.trim().toLowerCase() === t.toLowerCase());
      return item === undefined ? { problem: `"${t}" is not one of ${def.items.map((i) => i.label).join(', ')}` } : { value: item.id };
    }
    default:
      return { value: t };
  }
}

/**
 * The user-field values a QuickBooks record's custom fields give its Bitrix24 record, per the mapping's rules
 * (both / toB24). Fields whose value cannot be converted are left out and reported. Pure.
 */
export function customFieldsToB24(
  dataExt: readonly DataExtRet[],
  rules: readonly CustomFieldRule[],
  defs: ReadonlyMap<string, UserFieldDef>,
): { values: Record<string, string | number>; problems: CustomFieldProblem[] } {
  const values: Record<string, string | number> = {};
  const problems: CustomFieldProblem[] = [];
  for (const rule of rules) {
    const ext = dataExt.find((d) => (d.OwnerID ?? '0') === '0' && d.DataExtName === rule.qb.name);
    const converted = toUserFieldValue(ext?.DataExtValue ?? '', defs.get(rule.b24.field));
    if ('problem' in converted) problems.push({ field: rule.b24.field, message: `QuickBooks custom field "${rule.qb.name}": ${converted.problem}` });
    else values[rule.b24.field] = converted.value;
  }
  return { values, problems };
}

/**
 * The user-field part of a record's fingerprint, normalised so a value written (5, "2026-01-02", 81) and the same
 * value read back in the legacy forms ("5", "2026-01-02T00:00:00+03:00", "81", 1 for Y) compare equal. Pure.
 */
export function userFieldProjection(
  record: Readonly<Record<string, unknown>>,
  fields: readonly string[],
  defs: ReadonlyMap<string, UserFieldDef>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    let v = plainUserFieldValue(record[f]);
    const type = defs.get(f)?.type;
    if (type === 'date' || type === 'datetime') v = v.slice(0, 10);
    if (type === 'boolean') v = /^(y|1|true)$/i.test(v) ? 'Y' : v === '' ? '' : 'N';
    if (type === 'integer' || type === 'double') v = v === '' ? '' : String(Number(v));
    out[f] = v;
  }
  return out;
}
