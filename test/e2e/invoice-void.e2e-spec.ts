// A voided invoice is a deleted one for Bitrix24 (deletes.fromQuickBooks), as voided sales receipts and credit memos
// are: QuickBooks keeps it with zero amounts (qbxml.md §5.7), and its deal must not turn into a zero-amount sale.
import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { sessionAnHourLater } from '../support/portal-writes.js';
import { voidTxn } from '../support/qb-void.js';
import { s, type Rec } from '../support/record-values.js';
import { startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;
const rules = (fromQuickBooks: 'mark' | 'delete'): ReadonlyMap<symbol, unknown> =>
  new Map([[MAPPING_RULES, { ...DEFAULT_MAPPING_RULES, deletes: { ...DEFAULT_MAPPING_RULES.deletes, fromQuickBooks } } satisfies MappingRules]]);

/** A new invoice of 2 × 50.00 and 1 × 30.00 for the company's first customer. */
function addInvoice(x: Harness, ref: string): string {
  const customer = x.qb.ids('Customer')[0] ?? '';
  const [a, b] = x.qb.ids('ItemService');
  return x.qb.userAddTxn('Invoice', { CustomerRef: { ListID: customer }, RefNumber: ref }, [
    { ItemRef: { ListID: a ?? '' }, Quantity: '2', Rate: '50.00' },
    { ItemRef: { ListID: b ?? '' }, Quantity: '1', Rate: '30.00' },
  ]);
}

function dealOf(x: Harness, txnId: string): Rec {
  const deals = x.portal.list('deal').filter((d) => s(d['ORIGIN_ID']) === txnId);
  expect(deals, `deals carrying ${txnId}`).toHaveLength(1);
  return deals[0] as Rec;
}

/** Bitrix24 methods that change something, batch members included, since the last resetCalls. */
describe('an invoice voided in QuickBooks', () => {
  it('with deletes "mark": its deal moves to the deleted stage with the amount and rows it had, and stays so', async () => {
    h = await startHarness({ values: rules('mark') });
    const invoice = addInvoice(h, 'INV-V1');
    expect((await h.session()).outcome).toBe('completed');
    const before = dealOf(h, invoice);
    expect(Number(before['OPPORTUNITY'])).toBe(130);

    h.qb.advance(HOUR);
    await voidTxn(h.qb, 'Invoice', invoice);
    expect((await h.session()).outcome).toBe('completed');
    const after = h.portal.get('deal', Number(before['ID'])) as Rec;
    expect(s(after['STAGE_ID'])).toBe('LOSE');
    expect(Number(after['OPPORTUNITY'])).toBe(130);
    expect(h.portal.productRows(Number(before['ID']))).toHaveLength(2);

    // Read again in the overlap window: nothing is written, no deal comes back.
    const deals = h.portal.list('deal').length;
    expect(await sessionAnHourLater(h)).toEqual({ outcome: 'completed', writes: [], deals });
  });

  it('with deletes "delete": its deal is deleted; one voided before the first import never becomes a deal', async () => {
    h = await startHarness({ values: rules('delete') });
    const invoice = addInvoice(h, 'INV-V2');
    const voidedFirst = addInvoice(h, 'INV-V3');
    await voidTxn(h.qb, 'Invoice', voidedFirst);
    expect((await h.session()).outcome).toBe('completed');
    const deal = dealOf(h, invoice);
    expect(h.portal.list('deal').filter((d) => s(d['ORIGIN_ID']) === voidedFirst)).toEqual([]);

    h.qb.advance(HOUR);
    await voidTxn(h.qb, 'Invoice', invoice);
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.get('deal', Number(deal['ID']))).toBeUndefined();
    expect(h.portal.list('deal').filter((d) => [invoice, voidedFirst].includes(s(d['ORIGIN_ID'])))).toEqual([]);
  });

  it('made from a sales order: the order’s deal stays where it is, only the invoice’s link closes', async () => {
    h = await startHarness({ values: rules('mark') });
    const customer = h.qb.ids('Customer')[0] ?? '';
    const [shirt] = h.qb.ids('ItemService');
    const order = h.qb.userAddTxn('SalesOrder', { CustomerRef: { ListID: customer }, RefNumber: 'SO-V' }, [
      { ItemRef: { ListID: shirt ?? '' }, Quantity: '2', Rate: '50.00' },
    ]);
    expect((await h.session()).outcome).toBe('completed');
    const dealId = Number(dealOf(h, order)['ID']);
    h.qb.advance(HOUR);
    const invoice = h.qb.sales.invoiceFrom(order);
    expect((await h.session()).outcome).toBe('completed');
    const stage = s((h.portal.get('deal', dealId) as Rec)['STAGE_ID']);

    h.qb.advance(HOUR);
    await voidTxn(h.qb, 'Invoice', invoice);
    expect((await h.session()).outcome).toBe('completed');
    const deal = h.portal.get('deal', dealId) as Rec;
    expect(s(deal['STAGE_ID'])).toBe(stage);
    expect(s(deal['STAGE_ID'])).not.toBe('LOSE');
    expect(Number(deal['OPPORTUNITY'])).toBe(100);
    const links = await h.t.db.getRepository(IdMappingEntity).findBy({ b24Entity: 'deal', b24Id: String(dealId) });
    expect(links.map((l) => [l.qbEntity, l.status]).sort()).toEqual([
      ['invoice', 'deleted'],
      ['salesOrder', 'linked'],
    ]);
  });
});
