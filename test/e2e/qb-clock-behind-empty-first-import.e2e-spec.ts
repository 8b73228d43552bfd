// A kind of record QuickBooks has none of at the first import (here estimates) must still be read once the user makes
// one, even when the QuickBooks PC's clock is behind the connector's by more than SYNC_OVERLAP_MINUTES. The mark used
// to be the connector's own time, so every later estimate was "older" than it and never read.
import { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { s } from '../support/record-values.js';
import { startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('an empty kind at the first import, QuickBooks clock behind the connector', () => {
  it('an estimate made after the first import still becomes a deal', async () => {
    // The harness clock starts 2026-03-02T15:00Z; this company file's clock is 29 hours behind it.
    const qb = new QuickBooksCompany({ now: new Date('2026-03-01T10:00:00Z') });
    const customer = qb.userAddList('Customer', { Name: 'Steve Anderson', FirstName: 'Steve', LastName: 'Anderson' });
    const item = qb.userAddList('ItemService', { Name: 'Consulting', SalesOrPurchase: { Price: '100.00', AccountRef: { FullName: 'Services' } } });
    h = await startHarness({ qb });
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal')).toHaveLength(0);

    const estimate = qb.userAddTxn('Estimate', { CustomerRef: { ListID: customer }, TxnDate: '2026-03-01', RefNumber: 'E-1' }, [
      { ItemRef: { ListID: item }, Quantity: '2', Rate: '100.00' },
    ]);
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal').map((d) => s(d['ORIGIN_ID']))).toEqual([estimate]);
  });
});
