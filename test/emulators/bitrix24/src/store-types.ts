/** Shapes shared by the in-memory CRM store and its helpers: stored records, multifield values, contact↔company links, change events, options. */
import type { EntityName, MultiFieldType } from './entity-fields.js';

export interface MultiValue {
  id: number;
  typeId: MultiFieldType;
  valueType: string;
  value: string;
}
export interface StoredRecord {
  id: number;
  values: Record<string, unknown>;
  fm: MultiValue[];
}
export interface CompanyLink {
  contactId: number;
  companyId: number;
  sort: number;
  isPrimary: boolean;
}

/** A change the portal announces through outbound events (§7.2). */
export interface CrmChange {
  entity: EntityName;
  kind: 'ADD' | 'UPDATE' | 'DELETE' | 'MOVETOCATEGORY';
  id: number;
  extra?: Record<string, string>;
}

export interface StoreOptions {
  userId: number;
  timeZone: string;
  now: () => number;
  onChange: (c: CrmChange) => void;
}

/** Who performs a write: the webhook (REST) or a person in the UI (may change immutable fields). */
export type Actor = 'rest' | 'ui';
