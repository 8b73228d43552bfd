import type { CompanyRecord, ContactRecord, DealRecord, ProductRecord } from '@qb-b24/bitrix24-client';
import type { CustomerRet } from '@qb-b24/qbxml';
import type { B24CompanyDesired, B24ContactDesired, B24DealDesired, B24ProductDesired } from '../b24-desired.type.js';
import type { CustomerDesired } from '../b24-to-qb/customer-desired.type.js';
import { customerRetToDesired } from '../b24-to-qb/record-to-customer.js';
import { normalizeMoney } from '../util/decimal.util.js';
import { clean, qbStoredText } from '../util/text.util.js';

// A projection keeps only the fields we sync, normalised so that what we WRITE and what the portal or
// QuickBooks RETURNS after that write project identically (numbers as strings, "100.00", '' vs null,
// multi-field IDs and TYPE_ID, dates with offsets, Latin-1 and truncation). Equal projections ⇒ equal
// fingerprints ⇒ the change event is our own echo.

type Fields = Readonly<Record<string, unknown>>;

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const c = clean(v);
  return c === '' ? undefined : c;
}

function multi(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const seen = new Map<string, string>();
  for (const entry of v as unknown[]) {
    if (entry === null || typeof entry !== 'object') continue;
    const e: Fields = { ...entry };
    const value = typeof e['VALUE'] === 'string' ? e['VALUE'].trim().toLowerCase() : '';
    if (value === '' || e['DELETE'] === 'Y' || seen.has(value)) continue;
    seen.set(value, typeof e['VALUE_TYPE'] === 'string' ? e['VALUE_TYPE'] : 'WORK');
  }
  // Order-insensitive: the ID-aware patch may reuse stored slots, so the portal's order can differ.
  const out = [...seen].map(([value, type]) => `${type}:${value}`).sort();
  return out.length === 0 ? undefined : out;
}

/** The fields out of `keys`, normalised; absent/''/null fields are left out. */
function pick(x: Fields, keys: readonly string[], multiKeys: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = text(x[k]);
    if (v !== undefined) out[k] = v;
  }
  for (const k of multiKeys) {
    const v = multi(x[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

const ADDRESS_KEYS = ['ADDRESS', 'ADDRESS_2', 'ADDRESS_CITY', 'ADDRESS_POSTAL_CODE', 'ADDRESS_PROVINCE', 'ADDRESS_COUNTRY'] as const;

/** Synced contact fields (names, post, legacy address, PHONE/EMAIL values by type), normalised. Pure. */
export function contactProjection(x: B24ContactDesired | ContactRecord): Record<string, unknown> {
  return pick({ ...x }, ['NAME', 'SECOND_NAME', 'LAST_NAME', 'POST', ...ADDRESS_KEYS], ['EMAIL', 'PHONE']);
}

/** Synced company fields (TITLE, legacy address, PHONE/EMAIL), normalised. Pure. */
export function companyProjection(x: B24CompanyDesired | CompanyRecord): Record<string, unknown> {
  return pick({ ...x }, ['TITLE', ...ADDRESS_KEYS], ['EMAIL', 'PHONE']);
}

/** Synced product fields: NAME, DESCRIPTION (not whitespace-collapsed), PRICE as "12.50", ACTIVE, XML_ID. Pure. */
export function productProjection(x: B24ProductDesired | ProductRecord): Record<string, unknown> {
  const f: Fields = { ...x };
  const out = pick(f, ['NAME', 'XML_ID']);
  const desc = typeof f['DESCRIPTION'] === 'string' ? f['DESCRIPTION'].trim() : '';
  if (desc !== '') out['DESCRIPTION'] = desc;
  const price = typeof f['PRICE'] === 'string' || typeof f['PRICE'] === 'number' ? normalizeMoney(f['PRICE']) : undefined;
  out['PRICE'] = price ?? '0.00';
  out['ACTIVE'] = f['ACTIVE'] === 'N' ? 'N' : 'Y';
  return out;
}

/** Bitrix24 renders `date` fields as a datetime with offset ("2026-03-02T00:00:00+03:00"); only the calendar date counts (bitrix24.md §8). */
function calendarDate(v: unknown): string | undefined {
  const s = text(v);
  return s === undefined ? undefined : (/^\d{4}-\d{2}-\d{2}/.exec(s)?.[0] ?? s);
}

/** Synced deal fields (TITLE, STAGE_ID, OPPORTUNITY "123.45", CURRENCY_ID, BEGINDATE/CLOSEDATE as dates); links excluded. Pure. */
export function dealProjection(x: B24DealDesired | DealRecord): Record<string, unknown> {
  const f: Fields = { ...x };
  const out = pick(f, ['TITLE', 'STAGE_ID', 'CURRENCY_ID']);
  const amount = typeof f['OPPORTUNITY'] === 'string' || typeof f['OPPORTUNITY'] === 'number' ? normalizeMoney(f['OPPORTUNITY']) : undefined;
  out['OPPORTUNITY'] = amount ?? '0.00';
  const begin = calendarDate(f['BEGINDATE']);
  const close = calendarDate(f['CLOSEDATE']);
  if (begin !== undefined) out['BEGINDATE'] = begin;
  if (close !== undefined) out['CLOSEDATE'] = close;
  return out;
}

/** QuickBooks max lengths of the customer fields we sync (qbxml.md §4, §4.1). */
export const CUSTOMER_FIELD_MAX: Readonly<Record<string, number>> = {
  name: 41,
  companyName: 41,
  firstName: 25,
  lastName: 25,
  email: 1023,
  phone: 21,
  altPhone: 21,
  fax: 21,
  'billAddress.Addr1': 41,
  'billAddress.Addr2': 41,
  'billAddress.City': 31,
  'billAddress.State': 21,
  'billAddress.PostalCode': 13,
  'billAddress.Country': 31,
};

/** A CustomerDesired as flat `field → value` (address parts as `billAddress.City`). Pure. */
export function flattenCustomer(d: CustomerDesired): Record<string, string | undefined> {
  const a = d.billAddress;
  return {
    name: d.name,
    companyName: d.companyName,
    firstName: d.firstName,
    lastName: d.lastName,
    email: d.email,
    phone: d.phone,
    altPhone: d.altPhone,
    fax: d.fax,
    'billAddress.Addr1': a?.Addr1,
    'billAddress.Addr2': a?.Addr2,
    'billAddress.City': a?.City,
    'billAddress.State': a?.State,
    'billAddress.PostalCode': a?.PostalCode,
    'billAddress.Country': a?.Country,
  };
}

/** The value QuickBooks would store for one flattened customer field (Latin-1, cut to its max length, whitespace collapsed). Pure. */
export function qbCustomerFieldValue(field: string, value: string | undefined): string | undefined {
  const stored = qbStoredText(value, CUSTOMER_FIELD_MAX[field] ?? 4095);
  const c = clean(stored);
  if (c === '') return undefined;
  // E-mail addresses compare case-insensitively, as buildMultiFieldPatch does on the Bitrix24 side.
  return field === 'email' ? c.toLowerCase() : c;
}

/**
 * Synced customer fields as QuickBooks stores them: a CustomerDesired is projected after the same text
 * rules the qbxml builders apply (Latin-1 transliteration, truncation), so it equals the projection of
 * the CustomerRet QuickBooks returns for the Add built from it. Pure.
 */
export function customerProjection(x: CustomerDesired | CustomerRet): Record<string, unknown> {
  const d = 'ListID' in x ? customerRetToDesired(x) : x;
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(flattenCustomer(d))) {
    const v = qbCustomerFieldValue(field, value);
    if (v !== undefined) out[field] = v;
  }
  return out;
}
