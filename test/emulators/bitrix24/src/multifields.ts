/** Multifields (PHONE, EMAIL, WEB, IM) of contacts and companies: the patch semantics of a write, the HAS_* flags, and duplicate search by phone/e-mail. */
import { MULTIFIELD_TYPES, type MultiFieldType } from './entity-fields.js';
import { asList, asPositiveInt, isRecord } from './params.js';
import type { StoredRecord } from './store-types.js';

/** Patches every multifield type present in `fields`, then recomputes HAS_PHONE / HAS_EMAIL / HAS_IMOL. */
export function applyMultiFields(rec: StoredRecord, fields: Record<string, unknown>, nextFmId: () => number): void {
  const v = rec.values;
  for (const type of MULTIFIELD_TYPES) {
    const items = asList(fields[type]);
    if (items) patchMulti(rec, type, items, nextFmId);
  }
  v['HAS_PHONE'] = rec.fm.some((m) => m.typeId === 'PHONE') ? 'Y' : 'N';
  v['HAS_EMAIL'] = rec.fm.some((m) => m.typeId === 'EMAIL') ? 'Y' : 'N';
  v['HAS_IMOL'] = rec.fm.some((m) => m.typeId === 'IM' && ['IMOL', 'OPENLINE'].includes(m.valueType)) ? 'Y' : 'N';
}

/**
 * Multifield patch (§6.2, §10 item 22): no ID → append; ID+VALUE → replace; ID with VALUE "" or without
 * VALUE, or DELETE:"Y" → remove; values not mentioned stay.
 */
function patchMulti(rec: StoredRecord, type: MultiFieldType, items: readonly unknown[], nextFmId: () => number): void {
  for (const item of items) {
    if (!isRecord(item)) continue;
    const id = asPositiveInt(item['ID']);
    const value = item['VALUE'];
    if (id === undefined) {
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      if (String(value) === '') continue;
      rec.fm.push({ id: nextFmId(), typeId: type, valueType: String(item['VALUE_TYPE'] ?? defaultValueType(type)), value: String(value) });
      continue;
    }
    const idx = rec.fm.findIndex((m) => m.id === id && m.typeId === type);
    if (idx < 0) continue;
    const remove = String(item['DELETE'] ?? '').toUpperCase() === 'Y' || value === undefined || value === null || String(value) === '';
    if (remove) {
      rec.fm.splice(idx, 1);
      continue;
    }
    const cur = rec.fm[idx];
    if (cur) {
      cur.value = String(value);
      if (item['VALUE_TYPE'] !== undefined) cur.valueType = String(item['VALUE_TYPE']);
    }
  }
}

function defaultValueType(type: MultiFieldType): string {
  return type === 'IM' ? 'OTHER' : 'WORK';
}

/** Phone comparison key: digits only, extension dropped (§6.3; further normalisation unconfirmed). */
export function phoneKey(s: string): string {
  const noExt = s.split(/(?:ext\.?|доб\.?|x|#|,)/i)[0] ?? s;
  return noExt.replace(/\D/g, '');
}

/** `crm.duplicate.findbycomm`: int IDs grouped by entity type; phones compared digits-only, no extension (§6.3). */
export function findByComm(
  type: 'PHONE' | 'EMAIL',
  values: readonly string[],
  entityTypes: readonly ('CONTACT' | 'COMPANY')[],
  recordsOf: (entity: 'contact' | 'company') => Iterable<StoredRecord>,
): Record<string, number[]> {
  const norm = (s: string): string => (type === 'PHONE' ? phoneKey(s) : s.trim().toLowerCase());
  const wanted = new Set(values.map(norm).filter((s) => s !== ''));
  const out: Record<string, number[]> = {};
  for (const et of entityTypes) {
    const entity = et === 'CONTACT' ? 'contact' : 'company';
    const ids = [...recordsOf(entity)]
      .filter((r) => r.fm.some((m) => m.typeId === type && wanted.has(norm(m.value))))
      .map((r) => r.id)
      .sort((a, b) => a - b);
    if (ids.length > 0) out[et] = ids;
  }
  return out;
}
