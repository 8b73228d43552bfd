import type { TxnLine } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS as O, estimateToDeal, invoiceToDeal, type DealLinks } from '../index.js';
import { estimateRet, invoiceRet, line } from './fixtures.js';

const links = (m: Record<string, string> = {}, extra: Partial<DealLinks> = {}): DealLinks => ({
  productIdByItemListId: new Map(Object.entries(m)),
  ...extra,
});

describe('invoiceToDeal', () => {
  it('maps an unpaid invoice to an EXECUTING deal with Subtotal, dates, links and identity', () => {
    const plan = invoiceToDeal(invoiceRet(), O, links({}, { companyId: '7', contactId: '43' }));
    expect(plan.deal).toEqual({
      TITLE: 'Invoice 1001',
      OPPORTUNITY: '206.00',
      IS_MANUAL_OPPORTUNITY: 'Y',
      CURRENCY_ID: 'USD',
      STAGE_ID: 'EXECUTING',
      BEGINDATE: '2026-03-02',
      CLOSEDATE: '2026-04-01',
      COMPANY_ID: '7',
      CONTACT_ID: '43',
      ORIGINATOR_ID: 'QUICKBOOKS',
      ORIGIN_ID: 'C5-1417118624',
    });
    expect(plan.rows).toEqual([]);
  });

  it('maps a paid invoice to the WON stage', () => {
    expect(invoiceToDeal(invoiceRet({ IsPaid: true, BalanceRemaining: 0 }), O, links()).deal.STAGE_ID).toBe('WON');
  });

  it('uses the configured stages and falls back to TxnDate without a DueDate', () => {
    const o = { ...O, paidStageId: 'C1:WON', unpaidStageId: 'C1:NEW' };
    const deal = invoiceToDeal(invoiceRet({ DueDate: undefined }), o, links()).deal;
    expect([deal.STAGE_ID, deal.CLOSEDATE]).toEqual(['C1:NEW', '2026-03-02']);
    expect('COMPANY_ID' in deal).toBe(false);
  });

  it.each([
    [{ FullName: 'CAD' }, 'CAD'],
    [{ FullName: 'Canadian Dollar' }, 'CAD'],
    [{ FullName: 'Euro' }, 'EUR'],
    [{ FullName: 'Zorkmid' }, 'USD'],
    [undefined, 'USD'],
  ])('maps CurrencyRef %j to CURRENCY_ID %s', (CurrencyRef, id) => {
    expect(invoiceToDeal(invoiceRet({ CurrencyRef }), O, links()).deal.CURRENCY_ID).toBe(id);
  });

  it('maps lines to product rows: mapped items by PRODUCT_ID, unmapped ones as PRODUCT_ID 0 with a name', () => {
    const lines: TxnLine[] = [
      line({ ItemRef: { ListID: 'I1', FullName: 'Consulting' }, Quantity: 2, Rate: '75', Amount: 15000 }),
      line({ ItemRef: { ListID: 'I2', FullName: 'Hardware:Hinge' }, Quantity: 4, Rate: '14', Amount: 5600 }),
    ];
    const plan = invoiceToDeal(invoiceRet({ lines }), O, links({ I1: '450' }));
    expect(plan.rows).toEqual([
      { PRODUCT_ID: 450, PRICE: 75, QUANTITY: 2 },
      { PRODUCT_ID: 0, PRODUCT_NAME: 'Hardware:Hinge', PRICE: 14, QUANTITY: 4 },
    ]);
  });

  it('flattens group lines into their member lines', () => {
    const group: TxnLine = {
      lineType: 'group',
      TxnLineID: 'G1',
      ItemGroupRef: { ListID: 'GRP', FullName: 'Bundle' },
      TotalAmount: 3000,
      DataExtRet: [],
      lines: [
        { TxnLineID: 'G1a', ItemRef: { ListID: 'I1' }, Quantity: 1, Rate: '10', Amount: 1000, DataExtRet: [] },
        { TxnLineID: 'G1b', ItemRef: { ListID: 'I2' }, Quantity: 1, Rate: '20', Amount: 2000, DataExtRet: [] },
      ],
    };
    const plan = invoiceToDeal(
      invoiceRet({ lines: [line({ ItemRef: { ListID: 'I3', FullName: 'Delivery' }, Amount: 500 }), group] }),
      O,
      links({ I1: '1', I2: '2' }),
    );
    expect(plan.rows).toEqual([
      { PRODUCT_ID: 0, PRODUCT_NAME: 'Delivery', PRICE: 5, QUANTITY: 1 },
      { PRODUCT_ID: 1, PRICE: 10, QUANTITY: 1 },
      { PRODUCT_ID: 2, PRICE: 20, QUANTITY: 1 },
    ]);
  });

  it('keeps the line amount exact when Rate × Quantity was rounded by QuickBooks', () => {
    const plan = invoiceToDeal(invoiceRet({ lines: [line({ ItemRef: { ListID: 'I1' }, Quantity: 3, Rate: '3.33333', Amount: 1000 })] }), O, links({ I1: '9' }));
    expect(plan.rows).toEqual([{ PRODUCT_ID: 9, PRICE: 10, QUANTITY: 1 }]);
  });

  it('keeps fractional quantities when they multiply out exactly', () => {
    const plan = invoiceToDeal(invoiceRet({ lines: [line({ ItemRef: { ListID: 'I1' }, Quantity: 1.5, Rate: '0.1', Amount: 15 })] }), O, links({ I1: '9' }));
    expect(plan.rows).toEqual([{ PRODUCT_ID: 9, PRICE: 0.1, QUANTITY: 1.5 }]);
  });

  it('adds money exactly through cents (0.1 + 0.2 is 0.30) when QuickBooks sent no Subtotal', () => {
    const lines = [line({ ItemRef: { ListID: 'A' }, Amount: 10 }), line({ ItemRef: { ListID: 'B' }, Amount: 20 })];
    const plan = invoiceToDeal(invoiceRet({ Subtotal: undefined, lines }), O, links());
    expect(plan.deal.OPPORTUNITY).toBe('0.30');
    expect(plan.rows.map((r) => r.PRICE)).toEqual([0.1, 0.2]);
  });

  it('row totals add up to the Subtotal for a realistic invoice with a discount line', () => {
    const lines = [
      line({ ItemRef: { ListID: 'A' }, Quantity: 3, Rate: '19.99', Amount: 5997 }),
      line({ ItemRef: { ListID: 'B' }, Quantity: 7, Rate: '0.7', Amount: 490 }),
      line({ ItemRef: { ListID: 'D', FullName: 'Discount' }, RatePercent: '-10', Amount: -649 }),
    ];
    const plan = invoiceToDeal(invoiceRet({ Subtotal: 5838, lines }), O, links({ A: '1', B: '2' }));
    const cents = plan.rows.reduce((s, r) => s + Math.round(r.PRICE * 100) * r.QUANTITY, 0);
    expect(cents).toBe(5838);
    expect(plan.deal.OPPORTUNITY).toBe('58.38');
  });

  it('skips description-only lines and Subtotal item lines', () => {
    const lines = [
      line({ ItemRef: { ListID: 'A' }, Amount: 1000 }),
      line({ Desc: 'Thank you for your business' }),
      line({ ItemRef: { ListID: 'SUB', FullName: 'Subtotal' }, Amount: 1000 }),
    ];
    const plan = invoiceToDeal(invoiceRet({ lines }), O, links({ A: '5' }, { subtotalItemListIds: new Set(['SUB']) }));
    expect(plan.rows).toEqual([{ PRODUCT_ID: 5, PRICE: 10, QUANTITY: 1 }]);
  });

  it('titles an invoice without RefNumber by its TxnNumber', () => {
    expect(invoiceToDeal(invoiceRet({ RefNumber: undefined }), O, links()).deal.TITLE).toBe('Invoice 42');
  });
});

describe('estimateToDeal', () => {
  it('maps an estimate to a deal in the estimate stage with Subtotal as amount', () => {
    const plan = estimateToDeal(
      estimateRet({ lines: [line({ ItemRef: { ListID: 'A', FullName: 'Design' }, Quantity: 10, Rate: '50', Amount: 50000 })] }),
      O,
      links({}, { contactId: '43' }),
    );
    expect(plan.deal).toMatchObject({
      TITLE: 'Estimate 17',
      OPPORTUNITY: '500.00',
      STAGE_ID: 'PREPARATION',
      CONTACT_ID: '43',
      ORIGIN_ID: 'D1-1417118700',
      BEGINDATE: '2026-03-05',
      CLOSEDATE: '2026-03-05',
    });
    expect(plan.rows).toEqual([{ PRODUCT_ID: 0, PRODUCT_NAME: 'Design', PRICE: 50, QUANTITY: 10 }]);
  });

  it('uses the configured estimate stage', () => {
    expect(estimateToDeal(estimateRet(), { ...O, estimateStageId: 'C2:NEW' }, links()).deal.STAGE_ID).toBe('C2:NEW');
  });
});
