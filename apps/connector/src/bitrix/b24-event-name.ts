export const B24_EVENT_ENTITIES = ['contact', 'company', 'deal', 'product'] as const;
export type B24EventEntityType = (typeof B24_EVENT_ENTITIES)[number];
export const B24_EVENT_ACTIONS = ['add', 'update', 'delete'] as const;
export type B24EventAction = (typeof B24_EVENT_ACTIONS)[number];

export interface KnownB24Event {
  /** Upper-cased event name, e.g. ONCRMCONTACTUPDATE. */
  readonly event: string;
  readonly b24Entity: B24EventEntityType;
  readonly action: B24EventAction;
}

const ENTITY_BY_NAME: Readonly<Record<string, B24EventEntityType>> = {
  CONTACT: 'contact',
  COMPANY: 'company',
  DEAL: 'deal',
  PRODUCT: 'product',
};
const ACTION_BY_NAME: Readonly<Record<string, B24EventAction>> = { ADD: 'add', UPDATE: 'update', DELETE: 'delete' };
const EVENT_RE = /^ONCRM(CONTACT|COMPANY|DEAL|PRODUCT)(ADD|UPDATE|DELETE)$/;

/**
 * Classifies a Bitrix24 outbound event name. Pure. Names are compared case-insensitively because the
 * docs show both `ONCRMDEALADD` and `onCrmRequisiteAdd` on the wire (shared/reference/bitrix24.md §7.2).
 * Returns null for events the connector does not sync (leads, userfield events, ONCRMDEALMOVETOCATEGORY…).
 */
export function parseB24EventName(name: string): KnownB24Event | null {
  const event = name.trim().toUpperCase();
  const m = EVENT_RE.exec(event);
  const b24Entity = m?.[1] === undefined ? undefined : ENTITY_BY_NAME[m[1]];
  const action = m?.[2] === undefined ? undefined : ACTION_BY_NAME[m[2]];
  if (!b24Entity || !action) return null;
  return { event, b24Entity, action };
}

/**
 * The inbox's dedupe key: one waiting row per (event, entity, record, send time), so a repeated delivery is a
 * no-op. Pure. The entity is part of it because ids are per entity: the poller stores every entity as `POLL`,
 * and contact 7 and company 7 changed in the same second must stay two rows (a webhook's event name already
 * names the entity, so there it only repeats it).
 */
export function b24EventDedupeKey(event: string, b24Entity: B24EventEntityType, b24Id: string, ts: string | null): string {
  return `${event.toUpperCase()}:${b24Entity}:${b24Id}:${ts ?? ''}`;
}
