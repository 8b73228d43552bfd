import { describe, expect, it } from 'vitest';
import { B24_EVENT_ENTITIES, B24_POLLED, B24_SOURCE_ENTITIES, QB_ENTITIES } from '../sync-entities.js';

// Every list is derived from the strategies' descriptors; these are the lists users see (admin resync
// enum, polled Bitrix24 types, accepted webhook events), pinned so a registration change shows up here.
describe('entity lists derived from the strategy registry', () => {
  it('reads every QuickBooks family, in registration order', () => {
    expect(QB_ENTITIES).toEqual(['customer', 'vendor', 'item', 'salesOrder', 'invoice', 'estimate', 'salesReceipt', 'creditMemo', 'receivePayment']);
  });

  it('polls the Bitrix24 types written back to QuickBooks, products by TIMESTAMP_X', () => {
    expect(B24_POLLED).toEqual([
      { entity: 'contact', dateField: 'DATE_MODIFY' },
      { entity: 'company', dateField: 'DATE_MODIFY' },
      { entity: 'product', dateField: 'TIMESTAMP_X' },
      // won deals → QuickBooks (mapping file toQuickBooks.deals)
      { entity: 'deal', dateField: 'DATE_MODIFY' },
    ]);
    expect(B24_SOURCE_ENTITIES).toEqual(['contact', 'company', 'product', 'deal']);
  });

  it('stores events of every Bitrix24 type a strategy writes to, deals included', () => {
    expect([...B24_EVENT_ENTITIES].sort()).toEqual(['company', 'contact', 'deal', 'product']);
  });
});
