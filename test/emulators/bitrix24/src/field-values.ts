/** Write-side field values: rejection of invalid input (e-mail, currency) and normalisation of standard fields to the stored REST shape. */
import { ApiError, legacyError } from './api-error.js';
import type { EntityName, FieldDef } from './entity-fields.js';
import { calendarDate, formatDateOnly, formatDateTime, money, parseDateInput } from './format.js';
import { asList, isRecord } from './params.js';
import type { CurrencyRow } from './currencies.js';
import type { MultiValue } from './store-types.js';

const EMAIL_LABEL: Record<string, string> = { WORK: 'Work', HOME: 'Personal', MAILING: 'Newsletter', OTHER: 'Other' };
const EMAIL_RE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Invalid values are rejected, not ignored (§8 "invalid values"): bad e-mail, bad currency. */
export function validateFields(entity: EntityName, fields: Record<string, unknown>, existing: readonly MultiValue[], currencies: readonly CurrencyRow[]): void {
  if (entity === 'contact' || entity === 'company') {
    for (const item of asList(fields['EMAIL']) ?? []) {
      if (!isRecord(item)) continue;
      const value = item['VALUE'];
      if (typeof value !== 'string' || value === '') continue;
      const existingItem = existing.find((m) => String(m.id) === String(item['ID']));
      const vt = String(item['VALUE_TYPE'] ?? existingItem?.valueType ?? 'WORK');
      if (!EMAIL_RE.test(value.trim())) {
        throw new ApiError(400, 'ERROR_CORE', `The field "${EMAIL_LABEL[vt] ?? 'Other'} e-mail" contains an invalid address`);
      }
    }
  }
  if (fields['CURRENCY_ID'] !== undefined && fields['CURRENCY_ID'] !== '' && !currencies.some((c) => c.currency === String(fields['CURRENCY_ID']))) {
    throw legacyError('Invalid value for the "Currency" field');
  }
}

/** A standard field's input in its stored shape; `undefined` means "ignore the value", `null` means "clear it". */
export function normalizeFieldValue(def: FieldDef, raw: unknown, timeZone: string): unknown {
  if (raw === null || raw === undefined) return null;
  if (Array.isArray(raw) || isRecord(raw)) {
    if (!def.isMultiple) return undefined;
    return (asList(raw) ?? []).map(String);
  }
  const s = String(raw).trim();
  switch (def.type) {
    case 'char':
      return ['Y', '1', 'TRUE'].includes(s.toUpperCase()) ? 'Y' : 'N';
    case 'double':
      if (s === '') return null;
      return Number.isFinite(Number(s)) ? money(Number(s)) : undefined;
    case 'date': {
      if (s === '') return null;
      const ms = parseDateInput(s, timeZone);
      return ms === undefined ? undefined : formatDateOnly(calendarDate(ms, timeZone), timeZone);
    }
    case 'datetime': {
      if (s === '') return null;
      const ms = parseDateInput(s, timeZone);
      return ms === undefined ? undefined : formatDateTime(ms, timeZone);
    }
    case 'file':
      return undefined;
    default:
      if (def.type === 'string' || def.type === 'crm_status' || def.type === 'crm_currency') return s === '' ? null : String(raw);
      if (s === '' || s === '0') return null;
      return /^-?\d+$/.test(s) ? String(Number(s)) : undefined;
  }
}
