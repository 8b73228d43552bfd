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

/** Stores a UF value in output shape: strings, `Y`/`N` booleans (§5.10), portal-tz dates; arrays when MULTIPLE. Pure. */
export function normalizeUserFieldValue(uf: UserFieldDef, raw: unknown, tz: string): unknown {
  const one = (x: unknown): string | null => {
    if (x === null || x === undefined || x === '') return null;
    switch (uf.userTypeId) {
      case 'boolean':
        return ['Y', '1', 'TRUE'].includes(String(x).toUpperCase()) ? 'Y' : 'N';
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
  };
}
