import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { s, type Rec } from '../support/record-values.js';
import { startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// Partly paid gets a stage of its own here, so the test can tell "one of two invoices paid" from "none paid".
const rules: MappingRules = {
  ...DEFAULT_MAPPING_RULES,
  deals: { ...DEFAULT_MAPPING_RULES.deals, stages: { ...DEFAULT_MAPPING_RULES.deals.stages, invoicePartiallyPaid: 'FINAL_INVOICE' } },
};

const lineIds = (ret: Rec | undefined): string[] => {
  const lines = ret?.['SalesOrderLineRet'];
  return (Array.isArray(lines) ? lines : [lines]).map((l) => s((l as Rec | undefined)?.['TxnLineID']));
};

describe('a sales order invoiced in two parts', () => {
  it('is one deal: open in the sales order stage, then following its invoices until every invoice is paid', async () => {
    h = await startHarness({ values: new Map([[MAPPING_RULES, rules]]) });
    const customer = h.qb.ids('Customer')[0] ?? '';
    const [shirt, mug] = h.qb.ids('ItemService');
    const order = h.qb.userAddTxn('SalesOrder', { CustomerRef: { ListID: customer }, RefNumber: 'SO-1' }, [
      { ItemRef: { ListID: shirt ?? '' }, Quantity: '2', Rate: '50.00' },
      { ItemRef: { ListID: mug ?? '' }, Quantity: '1', Rate: '30.00' },
    ]);
    expect((await h.session()).outcome).toBe('completed');
    const deals = h.portal.list('deal').length;
    const deal = h.portal.list('deal').find((d) => s(d['ORIGIN_ID']) === order);
    const dealId = Number(deal?.['ID']);
    const current = (): Rec => h?.portal.get('deal', dealId) as Rec;
    expect(s(current()['TITLE'])).toBe('Sales order SO-1');
    expect(s(current()['STAGE_ID'])).toBe('PREPAYMENT_INVOICE');
    expect(h.portal.productRows(dealId)).toHaveLength(2);

    // The first part: the shirts. More invoices will come, so the deal stays open.
    h.qb.advance(3600_000);
    const [shirtLine] = lineIds(h.qb.getRet(order) as Rec);
    const first = h.qb.sales.invoiceFrom(order, { lines: [{ TxnLineID: shirtLine ?? '' }] });
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal')).toHaveLength(deals);
    expect(s(current()['STAGE_ID'])).toBe('PREPAYMENT_INVOICE');

    // The rest: now fully invoiced, the deal follows its two open invoices and still shows the whole order.
    h.qb.advance(3600_000);
    const second = h.qb.sales.invoiceFrom(order);
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal')).toHaveLength(deals);
    expect(s(current()['STAGE_ID'])).toBe('EXECUTING');
    expect(s(current()['TITLE'])).toBe('Sales order SO-1');
    expect(Number(current()['OPPORTUNITY'])).toBe(130);
    expect(h.portal.productRows(dealId)).toHaveLength(2);

    // One of two paid: partly paid; both paid: paid.
    h.qb.advance(3600_000);
    h.qb.userReceivePayment(first, '100.00');
    expect((await h.session()).outcome).toBe('completed');
    expect(s(current()['STAGE_ID'])).toBe('FINAL_INVOICE');
    h.qb.advance(3600_000);
    h.qb.userReceivePayment(second, '30.00');
    expect((await h.session()).outcome).toBe('completed');
    expect(s(current()['STAGE_ID'])).toBe('WON');
    expect(h.portal.list('deal')).toHaveLength(deals);

    const links = await h.t.db.getRepository(IdMappingEntity).findBy({ b24Entity: 'deal', b24Id: String(dealId) });
    expect(links.map((l) => [l.qbEntity, l.qbId]).sort()).toEqual(
      [
        ['invoice', first],
        ['invoice', second],
        ['salesOrder', order],
      ].sort(),
    );
  });
});
