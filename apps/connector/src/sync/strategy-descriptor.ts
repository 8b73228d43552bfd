import type { B24Entity, QbEntity } from './qb-entity.js';

/** A Bitrix24 record type whose changes are written back to QuickBooks, and the field the poller filters on. */
export interface B24Source {
  readonly entity: B24Entity;
  /** The record's last-modified field in `crm.<entity>.list` (products have TIMESTAMP_X, not DATE_MODIFY). */
  readonly dateField: string;
}

/**
 * What a strategy class declares statically, before any instance exists: every entity list (the admin
 * resync enum, the poller, the webhook's event names, the engine's kinds) is derived from these, so adding
 * an entity changes no list by hand.
 */
export interface StrategyDescriptor {
  readonly kind: QbEntity;
  /** The Bitrix24 record types this entity's QuickBooks records become (their events are stored). */
  readonly b24Entities: readonly B24Entity[];
  /** Present when the strategy also writes Bitrix24 changes to QuickBooks: the record types it takes them from. */
  readonly b24Sources?: readonly B24Source[];
}

/** A strategy class as registered in STRATEGY_CLASSES. */
export interface StrategyClass {
  readonly descriptor: StrategyDescriptor;
}
