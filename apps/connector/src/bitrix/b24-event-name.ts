import type { B24Entity } from '../sync/qb-entity.js';
import { B24_EVENT_ENTITIES, B24_SOURCE_ENTITIES } from '../sync/sync-entities.js';

export type B24EventEntityType = B24Entity;
export const B24_EVENT_ACTIONS = ['add', 'update', 'delete'] as const;
export type B24EventAction = (typeof B24_EVENT_ACTIONS)[number];

export interface KnownB24Event {
  /** Upper-cased event name, e.g. ONCRMCONTACTUPDATE. */
  readonly event: string;
  readonly b24Entity: B24EventEntityType;
  readonly action: B24EventAction;
}

// Derived from the strategy registry: events of every Bitrix24 record type some strategy writes to.
const ENTITY_BY_NAME: ReadonlyMap<string, B24EventEntityType> = new Map(B24_EVENT_ENTITIES.map((e) => [e.toUpperCase(), e]));
const ACTION_BY_NAME: Readonly<Record<string, B24EventAction>> = { ADD: 'add', UPDATE: 'update', DELETE: 'delete' };
const EVENT_RE = new RegExp(`^ONCRM(${[...ENTITY_BY_NAME.keys()].join('|')})(ADD|UPDATE|DELETE)$`);

/**
 * The outbound events to tick in Bitrix24 (the setup page lists them), derived from the registry: add and update of
 * every record type some strategy writes to QuickBooks (the setup page keeps those whose way is on: deals only with
 * won deals → QuickBooks enabled). Deletions would only be stored and ignored (accounting records are kept), so they
 * are not asked for.
 */
export const B24_EVENT_NAMES: readonly string[] = B24_SOURCE_ENTITIES.flatMap((e) => (['ADD', 'UPDATE'] as const).map((a) => `ONCRM${e.toUpperCase()}${a}`));

/**
 * Classifies a Bitrix24 outbound event name. Pure. Names are compared case-insensitively because the
 * docs show both `ONCRMDEALADD` and `onCrmRequisiteAdd` on the wire (shared/reference/bitrix24.md §7.2).
 * Returns null for events the connector does not sync (leads, userfield events, ONCRMDEALMOVETOCATEGORY…).
 */
export function parseB24EventName(name: string): KnownB24Event | null {
  const event = name.trim().toUpperCase();
  const m = EVENT_RE.exec(event);
  const b24Entity = m?.[1] === undefined ? undefined : ENTITY_BY_NAME.get(m[1]);
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
