/** User-field (UF_CRM_*) rules for `crm.X.userfield.*` (bitrix24.md §5.10, §10 item 30). */
import { ApiError, legacyError } from './api-error.js';
import { UF_ENTITY_ID, type EntityName } from './entity-fields.js';
import { calendarDate, formatDateOnly, formatDateTime, parseDateInput } from './format.js';
import { asList } from './params.js';

export interface UserFieldDef {
  id: number;
  entity: EntityName;
  fieldName: string;
  userTypeId: string;
  multiple: boolean;
  mandatory: boolean;
  xmlId: string | null;
  sort: number;
  label: string;
  /** Options of an `enumeration` field (§5.13 `LIST`). */
  list?: EnumItem[];
}

export interface EnumItem {
  id: number;
  sort: number;
  value: string;
  def: boolean;
  xmlId: string;
}

/**
 * Builds a definition from `crm.X.userfield.add` input (§5.10, §5.13): `boolean` cannot be MULTIPLE; LIST items
 * with an empty VALUE are dropped; option IDs come from `nextEnumId`. Pure apart from `nextEnumId`; throws ApiError.
 */
export function buildUserFieldDef(entity: EntityName, fields: Record<string, unknown>, id: number, nextEnumId: () => number): UserFieldDef {
  const fieldName = userFieldName(fields['FIELD_NAME']);
  const userTypeId = String(fields['USER_TYPE_ID'] ?? '');
  if (userTypeId === '') throw legacyError("The 'USER_TYPE_ID' field is not specified.");
  const label = fields['EDIT_FORM_LABEL'] ?? fields['LABEL'];
  const def: UserFieldDef = {
    id,
    entity,
    fieldName,
    userTypeId,
    multiple: userTypeId !== 'boolean' && String(fields['MULTIPLE'] ?? 'N').toUpperCase() === 'Y',
    mandatory: String(fields['MANDATORY'] ?? 'N').toUpperCase() === 'Y',
    xmlId: typeof fields['XML_ID'] === 'string' ? fields['XML_ID'] : null,
    sort: Number.isInteger(Number(fields['SORT'])) && Number(fields['SORT']) > 0 ? Number(fields['SORT']) : 100,
    label: typeof label === 'string' ? label : fieldName,
  };
  if (userTypeId === 'enumeration') {
    const items = (asList(fields['LIST']) ?? []).filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x));
    def.list = items
      .filter((x) => String(x['VALUE'] ?? '') !== '')
      .map((x, i) => ({
        id: nextEnumId(),
        sort: Number(x['SORT'] ?? (i + 1) * 10) || (i + 1) * 10,
        value: String(x['VALUE']),
        def: String(x['DEF'] ?? 'N').toUpperCase() === 'Y',
        xmlId: typeof x['XML_ID'] === 'string' ? x['XML_ID'] : `${fieldName}_${i + 1}`,
      }));
  }
  return def;
}

/** The value an empty field of this definition takes on add: the first `DEF:"Y"` option of a single-value list. */
export function defaultUserFieldValue(uf: UserFieldDef): string | undefined {
  if (uf.userTypeId !== 'enumeration' || uf.multiple) return undefined;
  const d = uf.list?.find((x) => x.def);
  return d === undefined ? undefined : String(d.id);
}

/** `MANAGER_NOTE` / `UF_MANAGER_NOTE` → `UF_CRM_MANAGER_NOTE`; only A-Z0-9_, ≤ 50 chars incl. prefix. Pure; throws ApiError. */
export function userFieldName(raw: unknown): string {
  const name = String(raw ?? '')
    .trim()
    .toUpperCase();
  if (name === '') throw legacyError("The 'FIELD_NAME' field is not specified.");
  const base = name.startsWith('UF_CRM_') ? name.slice(7) : name.startsWith('UF_') ? name.slice(3) : name;
  const fieldName = `UF_CRM_${base}`;
  if (!/^[A-Z0-9_]+$/.test(base)) throw new ApiError(400, 'ERROR_CORE', 'Field code may only contain Latin letters, digits and underscores');
  if (fieldName.length > 50) throw new ApiError(400, 'ERROR_CORE', 'Field code length must not exceed 50 characters');
  return fieldName;
}

/**
 * Stores a UF value in the legacy read shape of §5.13: numbers as strings, booleans `Y`/`N` (or `1`/`0` under the
 * `legacyBooleanUf` variant), portal-tz dates, enumeration option IDs as strings (an ID not in LIST is dropped),
 * money `amount|CUR`; arrays when MULTIPLE. Pure.
 */
export function normalizeUserFieldValue(uf: UserFieldDef, raw: unknown, tz: string, booleans: 'YN' | '10' = 'YN'): unknown {
  const one = (x: unknown): string | null => {
    if (x === null || x === undefined || x === '') return null;
    switch (uf.userTypeId) {
      case 'boolean': {
        const yes = ['Y', '1', 'TRUE'].includes(String(x).toUpperCase());
        return booleans === 'YN' ? (yes ? 'Y' : 'N') : yes ? '1' : '0';
      }
      case 'integer':
        return Number.isFinite(Number(x)) ? String(Math.trunc(Number(x))) : null;
      case 'double':
        return Number.isFinite(Number(x)) ? String(Number(x)) : null;
      case 'enumeration':
        return uf.list?.some((o) => String(o.id) === String(x)) ? String(x) : null;
      case 'date': {
        const ms = parseDateInput(x, tz);
        return ms === undefined ? null : formatDateOnly(calendarDate(ms, tz), tz);
      }
      case 'datetime': {
        const ms = parseDateInput(x, tz);
        return ms === undefined ? null : formatDateTime(ms, tz);
      }
      default:
        return String(x);
    }
  };
  if (uf.multiple) return (asList(raw) ?? [raw]).map(one).filter((x): x is string => x !== null);
  return one(Array.isArray(raw) ? raw[0] : raw);
}

/** `crm.X.userfield.list/get` row (string-typed, legacy). */
export function renderUserField(u: UserFieldDef): Record<string, unknown> {
  return {
    ID: String(u.id),
    ENTITY_ID: UF_ENTITY_ID[u.entity],
    FIELD_NAME: u.fieldName,
    USER_TYPE_ID: u.userTypeId,
    XML_ID: u.xmlId,
    SORT: String(u.sort),
    MULTIPLE: u.multiple ? 'Y' : 'N',
    MANDATORY: u.mandatory ? 'Y' : 'N',
    SHOW_FILTER: 'N',
    SHOW_IN_LIST: 'Y',
    EDIT_IN_LIST: 'Y',
    IS_SEARCHABLE: 'N',
    SETTINGS: [],
    EDIT_FORM_LABEL: u.label,
    LIST_COLUMN_LABEL: u.label,
    LIST_FILTER_LABEL: u.label,
    ...(u.list ? { LIST: u.list.map((o) => ({ ID: String(o.id), SORT: String(o.sort), VALUE: o.value, DEF: o.def ? 'Y' : 'N', XML_ID: o.xmlId })) } : {}),
  };
}
