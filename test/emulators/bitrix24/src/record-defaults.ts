/** Auto fields a record gets on add (§10 item 21): ownership and dates, default statuses, and per-entity flags and money defaults. */
import type { EntityName } from './entity-fields.js';
import { addDays, formatDateOnly } from './format.js';
import { asPositiveInt } from './params.js';
import type { DealCategory, StatusRow } from './statuses.js';

const DEFAULT_STATUS: Partial<Record<EntityName, Record<string, string>>> = {
  contact: { TYPE_ID: 'CONTACT_TYPE', SOURCE_ID: 'SOURCE' },
  company: { COMPANY_TYPE: 'COMPANY_TYPE' },
  deal: { TYPE_ID: 'DEAL_TYPE', SOURCE_ID: 'SOURCE' },
};

/** The moment and author of an add, already formatted for the portal. */
export interface AddStamp {
  /** The acting user's ID as text. */
  user: string;
  /** Now as a portal date-time. */
  now: string;
  /** Today's calendar date in the portal time zone. */
  today: string;
  timeZone: string;
}

/** Writes the auto fields of a new record into `v` (the requested deal CATEGORY_ID is honoured if it exists). */
export function applyAddDefaults(
  entity: EntityName,
  v: Record<string, unknown>,
  fields: Record<string, unknown>,
  stamp: AddStamp,
  statuses: readonly StatusRow[],
  categories: readonly DealCategory[],
): void {
  const { user, now, today } = stamp;
  // Auto fields on add (§10 item 21).
  if (entity === 'product') {
    Object.assign(v, {
      ACTIVE: 'Y',
      CURRENCY_ID: 'USD',
      VAT_INCLUDED: 'N',
      SORT: '500',
      CATALOG_ID: '1',
      DESCRIPTION_TYPE: 'text',
      CREATED_BY: user,
      MODIFIED_BY: user,
      DATE_CREATE: now,
      TIMESTAMP_X: now,
    });
  } else {
    Object.assign(v, { OPENED: 'Y', ASSIGNED_BY_ID: user, CREATED_BY_ID: user, MODIFY_BY_ID: user, DATE_CREATE: now, DATE_MODIFY: now });
    for (const [field, dir] of Object.entries(DEFAULT_STATUS[entity] ?? {})) v[field] = firstStatus(statuses, dir);
  }
  if (entity === 'contact') Object.assign(v, { EXPORT: 'Y', HAS_PHONE: 'N', HAS_EMAIL: 'N', HAS_IMOL: 'N' });
  if (entity === 'company') Object.assign(v, { HAS_PHONE: 'N', HAS_EMAIL: 'N', HAS_IMOL: 'N', IS_MY_COMPANY: 'N', CURRENCY_ID: 'USD', REVENUE: '0.00' });
  if (entity === 'deal') {
    Object.assign(v, {
      CURRENCY_ID: 'USD',
      OPPORTUNITY: '0.00',
      TAX_VALUE: '0.00',
      IS_MANUAL_OPPORTUNITY: 'N',
      CATEGORY_ID: '0',
      IS_RECURRING: 'N',
      IS_RETURN_CUSTOMER: 'N',
      IS_REPEATED_APPROACH: 'N',
      CLOSED: 'N',
      BEGINDATE: formatDateOnly(today, stamp.timeZone),
      CLOSEDATE: formatDateOnly(addDays(today, 7), stamp.timeZone),
      MOVED_BY_ID: user,
      MOVED_TIME: now,
    });
    const cat = asPositiveInt(fields['CATEGORY_ID']);
    if (cat !== undefined && categories.some((c) => c.id === cat)) v['CATEGORY_ID'] = String(cat);
  }
}

function firstStatus(statuses: readonly StatusRow[], entityId: string): string | null {
  const rows = statuses.filter((s) => s.entityId === entityId).sort((a, b) => a.sort - b.sort);
  return rows[0]?.statusId ?? null;
}
