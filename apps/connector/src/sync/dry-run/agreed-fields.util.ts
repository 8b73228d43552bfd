import { sameValue, type FieldChange } from './field-diff.util.js';

/**
 * The values a write toward QuickBooks sends, field by field against the last values both sides agreed on
 * (a link's baseJson); with no base (an Add) every value is new. Pure.
 */
export function agreedFieldChanges(desired: Readonly<Record<string, unknown>>, base: Readonly<Record<string, unknown>> | null): FieldChange[] {
  return Object.entries(desired)
    .filter(([k, v]) => base === null || !sameValue(base[k] ?? null, v ?? null))
    .map(([field, after]) => ({ field, before: base === null ? null : (base[field] ?? null), after: after ?? null }));
}

/**
 * The custom-field values a write toward QuickBooks brings after its record (payload `customFields`), as
 * `DataExt:<name>`: `before` null, since QuickBooks' value is read just before it is written (an equal one is not
 * written); `after` null removes the value. Pure.
 */
export function customFieldChanges(customFields: unknown): FieldChange[] {
  if (typeof customFields !== 'object' || customFields === null) return [];
  return Object.entries(customFields).map(([name, v]) => ({ field: `DataExt:${name}`, before: null, after: v === '' ? null : v }));
}

/** A JSON object, or null for anything else. Pure; throws on malformed JSON. */
export function parseJsonRecord(json: string | null): Record<string, unknown> | null {
  if (json === null) return null;
  const v: unknown = JSON.parse(json);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}
