import type { B24EventStatus } from './b24-event.entity.js';

export type { B24EventStatus };

/** A stored Bitrix24 outbound event as other modules see it; the b24_event table itself is private to bitrix/. */
export interface B24Event {
  readonly id: number;
  /** Upper-cased event name, e.g. ONCRMCONTACTUPDATE (POLL for changes found by polling). */
  readonly event: string;
  /** contact | company | deal | product */
  readonly b24Entity: string;
  readonly b24Id: string;
  /** add | update | delete */
  readonly action: string;
  readonly ts: string | null;
  readonly status: B24EventStatus;
  readonly note: string | null;
  readonly receivedAt: Date;
  readonly processedAt: Date | null;
}

/** How many events of one Bitrix24 entity are in one processing state. */
export interface B24EventCount {
  readonly status: B24EventStatus;
  readonly b24Entity: string;
  readonly count: number;
}
