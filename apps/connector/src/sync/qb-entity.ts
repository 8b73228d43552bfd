/**
 * The vocabulary of QuickBooks record families (EntityKind in STYLE §2.3). Which of them the connector
 * syncs, and every list of them, comes from the strategy registry (sync-entities.ts).
 */
export type QbEntity = 'customer' | 'vendor' | 'item' | 'salesOrder' | 'invoice' | 'estimate' | 'salesReceipt' | 'creditMemo' | 'receivePayment';

/** The vocabulary of Bitrix24 CRM record types a strategy can map to. */
export type B24Entity = 'contact' | 'company' | 'product' | 'deal';

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
