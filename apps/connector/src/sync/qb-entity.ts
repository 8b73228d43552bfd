/** QuickBooks record families the product reads; each has one read strategy. */
export const QB_ENTITIES = ['customer', 'vendor', 'item', 'invoice', 'estimate'] as const;
export type QbEntity = (typeof QB_ENTITIES)[number];

export const B24_ENTITIES = ['contact', 'company', 'product', 'deal'] as const;
export type B24Entity = (typeof B24_ENTITIES)[number];

export interface ApplyStats {
  created: number;
  updated: number;
  unchanged: number;
  matched: number;
  deleted: number;
  failed: number;
}

export const emptyStats = (): ApplyStats => ({ created: 0, updated: 0, unchanged: 0, matched: 0, deleted: 0, failed: 0 });

export function addStats(into: ApplyStats, more: ApplyStats): ApplyStats {
  into.created += more.created;
  into.updated += more.updated;
  into.unchanged += more.unchanged;
  into.matched += more.matched;
  into.deleted += more.deleted;
  into.failed += more.failed;
  return into;
}
