import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { afterEach, describe, expect, it } from 'vitest';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { s, type Rec } from '../support/record-values.js';
import { startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const cents = (v: unknown): number => Math.round(Number(v) * 100);

/** The deal of each QuickBooks transaction, by TxnID (ORIGIN_ID). */
function dealsByTxn(x: Harness): Map<string, Rec> {
  return new Map(x.portal.list('deal').map((d) => [s(d['ORIGIN_ID']), d]));
}

const pipeline2: MappingRules = {
  ...DEFAULT_MAPPING_RULES,
  deals: {
    ...DEFAULT_MAPPING_RULES.deals,
    categoryId: 2,
    stages: {
      invoiceOpen: 'C2:EXECUTING',
      invoicePartiallyPaid: 'C2:FINAL_INVOICE',
      invoicePaid: 'C2:WON',
      estimate: 'C2:PREPARATION',
      salesReceipt: 'C2:WON',
      creditMemo: 'C2:APOLOGY',
      salesOrder: 'C2:PREPAYMENT_INVOICE',
      deleted: 'C2:LOSE',
    },
    amount: 'total',
    currency: 'USD',
    fields: { creditRemaining: null, amountPaid: null, balance: null },
  },
};

describe("the mapping file's deal rules", () => {
  it('puts every deal in pipeline 2 with C2: stages: open, partly paid, paid and estimate', async () => {
    h = await startHarness({
      values: new Map([[MAPPING_RULES, pipeline2]]),
      preparePortal: (portal) => {
        portal.addDealCategory('Wholesale');
        expect(portal.addDealCategory('Retail')).toBe(2);
      },
    });
    expect((await h.session()).outcome).toBe('completed');
    const deals = dealsByTxn(h);
    const stages = new Set<string>();
    for (const txnId of [...h.qb.ids('Invoice'), ...h.qb.ids('Estimate')]) {
      const deal = deals.get(txnId);
      expect(deal, `deal of ${txnId}`).toBeDefined();
      expect(s(deal?.['CATEGORY_ID'])).toBe('2');
      stages.add(s(deal?.['STAGE_ID']));
    }
    for (const stage of stages) expect(stage).toMatch(/^C2:/);
    expect(stages).toContain('C2:EXECUTING');
    expect(stages).toContain('C2:WON');
    expect(stages).toContain('C2:PREPARATION');
    for (const txnId of h.qb.ids('Invoice')) {
      const inv = h.qb.getRet(txnId) as Rec;
      const partly = s(inv['IsPaid']) === 'false' && cents(inv['AppliedAmount']) !== 0;
      if (partly) expect(s(deals.get(txnId)?.['STAGE_ID'])).toBe('C2:FINAL_INVOICE');
    }
  });

  it('with amount "total" OPPORTUNITY is QuickBooks\' total to the cent, and the rows with their tax add up to it', async () => {
    h = await startHarness({ values: new Map([[MAPPING_RULES, { ...DEFAULT_MAPPING_RULES, deals: { ...DEFAULT_MAPPING_RULES.deals, amount: 'total' } }]]) });
    // Three taxable lines of 9.99 and one untaxed: the portal's per-row rounding differs from QuickBooks' per-invoice one.
    const customer = h.qb.ids('Customer')[0] ?? '';
    const item = (h.qb.ids('ItemService')[0] ?? h.qb.ids('ItemNonInventory')[0]) as string;
    const taxable = { ItemRef: { ListID: item }, Quantity: '1', Rate: '9.99', SalesTaxCodeRef: { FullName: 'Tax' } };
    h.qb.userAddTxn(
      'Invoice',
      { CustomerRef: { ListID: customer }, TxnDate: '2026-12-01', RefNumber: 'TAX-1', ItemSalesTaxRef: { ListID: '1001E-1700000000' } },
      [taxable, taxable, taxable, { ItemRef: { ListID: item }, Quantity: '2', Rate: '50.00', SalesTaxCodeRef: { FullName: 'Non' } }],
    );
    expect((await h.session()).outcome).toBe('completed');
    const deals = dealsByTxn(h);
    let taxed = 0;
    for (const txnId of h.qb.ids('Invoice')) {
      const inv = h.qb.getRet(txnId) as Rec;
      const total = cents(inv['Subtotal']) + cents(inv['SalesTaxTotal']);
      const deal = deals.get(txnId);
      expect(cents(deal?.['OPPORTUNITY']), `OPPORTUNITY of invoice ${s(inv['RefNumber'])}`).toBe(total);
      const rows = h.portal.productRows(Number(deal?.['ID'])) as Rec[];
      const sum = rows.reduce((acc, r) => {
        const net = Math.round(Number(r['PRICE']) * Number(r['QUANTITY']) * 100);
        const tax = s(r['TAX_INCLUDED']) === 'Y' ? 0 : Math.round((net * Number(r['TAX_RATE'] ?? 0)) / 100);
        return acc + net + tax;
      }, 0);
      expect(sum, `rows of invoice ${s(inv['RefNumber'])}`).toBe(total);
      if (cents(inv['SalesTaxTotal']) > 0) taxed += 1;
    }
    expect(taxed, 'the sample company has invoices with sales tax').toBeGreaterThan(0);
  });
});

describe('an estimate and the invoice made from it', () => {
  it('share one deal: the invoice moves the estimate deal on, both links are kept, and the estimate no longer rewrites it', async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    const estimate = h.qb.ids('Estimate')[0] ?? '';
    const deal = dealsByTxn(h).get(estimate);
    expect(s(deal?.['STAGE_ID'])).toBe('PREPARATION');
    const deals = h.portal.list('deal').length;
    h.qb.advance(3600_000);
    const invoice = h.qb.sales.invoiceFrom(estimate);
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal')).toHaveLength(deals);
    const shared = h.portal.get('deal', Number(deal?.['ID'])) as Rec;
    expect(s(shared['TITLE'])).toMatch(/^Invoice /);
    expect(s(shared['STAGE_ID'])).toBe('EXECUTING');
    expect(s(shared['ORIGIN_ID'])).toBe(invoice);
    const links = await h.t.db.getRepository(IdMappingEntity).findBy({ b24Entity: 'deal', b24Id: s(deal?.['ID']) });
    expect(links.map((l) => [l.qbEntity, l.qbId]).sort()).toEqual([
      ['estimate', estimate],
      ['invoice', invoice],
    ]);
    // QuickBooks closes the estimate when it is invoiced; that later change leaves the invoice's deal alone.
    h.qb.advance(3600_000);
    h.qb.userEdit(estimate, { Memo: 'closed' });
    expect((await h.session()).outcome).toBe('completed');
    expect(s((h.portal.get('deal', Number(deal?.['ID'])) as Rec)['TITLE'])).toMatch(/^Invoice /);
  });
});
