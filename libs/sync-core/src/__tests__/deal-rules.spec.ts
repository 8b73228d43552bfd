import type { TxnLine } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS as O, estimateToDeal, invoiceToDeal, type B24ProductRowDesired, type DealLinks } from '../index.js';
import { estimateRet, invoiceRet, line } from './fixtures.js';

const links: DealLinks = { productIdByItemListId: new Map() };

/** What the rows are worth with the tax a portal adds per row (PRICE × QUANTITY, then TAX_RATE, rounded per row). */
function rowsWithTaxCents(rows: readonly B24ProductRowDesired[]): number {
  return rows.reduce((sum, r) => {
    const net = Math.round(r.PRICE * r.QUANTITY * 100);
    const tax = r.TAX_INCLUDED === 'Y' ? 0 : Math.round((net * (r.TAX_RATE ?? 0)) / 100);
    return sum + net + tax;
  }, 0);
}

// Three taxable lines at 8.25 %: per-row rounding gives 0.82 + 0.82 + 0.82 = 2.46, QuickBooks rounds the taxable
// subtotal once: 29.97 × 8.25 % = 2.4725 → 2.47.
const taxedLines: TxnLine[] = [
  line({ TxnLineID: 'L1', ItemRef: { ListID: 'I1', FullName: 'Widget' }, Quantity: 1, Rate: '9.99', Amount: 999, SalesTaxCodeRef: { FullName: 'Tax' } }),
  line({ TxnLineID: 'L2', ItemRef: { ListID: 'I1', FullName: 'Widget' }, Quantity: 1, Rate: '9.99', Amount: 999, SalesTaxCodeRef: { FullName: 'Tax' } }),
  line({ TxnLineID: 'L3', ItemRef: { ListID: 'I1', FullName: 'Widget' }, Quantity: 1, Rate: '9.99', Amount: 999, SalesTaxCodeRef: { FullName: 'Tax' } }),
  line({ TxnLineID: 'L4', ItemRef: { ListID: 'I2', FullName: 'Labour' }, Quantity: 2, Rate: '50', Amount: 10000, SalesTaxCodeRef: { FullName: 'Non' } }),
];
const taxedInvoice = invoiceRet({
  lines: taxedLines,
  Subtotal: 12997,
  ItemSalesTaxRef: { FullName: 'State tax' },
  SalesTaxPercentage: '8.25',
  SalesTaxTotal: 247,
  BalanceRemaining: 13244,
});

describe('deal rules of the mapping file', () => {
  it('puts deals in the configured pipeline and leaves the default pipeline unsent', () => {
    expect(invoiceToDeal(invoiceRet(), { ...O, categoryId: 2, unpaidStageId: 'C2:EXECUTING' }, links).deal).toMatchObject({
      CATEGORY_ID: '2',
      STAGE_ID: 'C2:EXECUTING',
    });
    expect('CATEGORY_ID' in invoiceToDeal(invoiceRet(), O, links).deal).toBe(false);
  });

  it('moves a partly paid invoice to the partly-paid stage, a paid one to the paid stage', () => {
    const o = { ...O, partiallyPaidStageId: 'PREPAYMENT_INVOICE' };
    expect(invoiceToDeal(invoiceRet({ AppliedAmount: -5000, BalanceRemaining: 15600 }), o, links).deal.STAGE_ID).toBe('PREPAYMENT_INVOICE');
    // Whatever the sign QuickBooks gives AppliedAmount (unconfirmed, qbxml.md §4.4), the balance alone tells it too.
    expect(invoiceToDeal(invoiceRet({ AppliedAmount: undefined, BalanceRemaining: 15600 }), o, links).deal.STAGE_ID).toBe('PREPAYMENT_INVOICE');
    expect(invoiceToDeal(invoiceRet(), o, links).deal.STAGE_ID).toBe('EXECUTING');
    expect(invoiceToDeal(invoiceRet({ IsPaid: true, AppliedAmount: -20600, BalanceRemaining: 0 }), o, links).deal.STAGE_ID).toBe('WON');
  });

  it('gives each row the sales tax of its line, and the rows with their tax add up to the QuickBooks total to the cent', () => {
    const plan = invoiceToDeal(taxedInvoice, { ...O, dealAmount: 'total' }, links);
    expect(plan.rows.slice(0, 4).map((r) => [r.TAX_RATE, r.TAX_INCLUDED])).toEqual([
      [8.25, 'N'],
      [8.25, 'N'],
      [8.25, 'N'],
      [0, 'N'],
    ]);
    expect(plan.rows[4]).toEqual({ PRODUCT_ID: 0, PRODUCT_NAME: 'Sales tax rounding', PRICE: 0.01, QUANTITY: 1, TAX_RATE: 0, TAX_INCLUDED: 'N' });
    expect(rowsWithTaxCents(plan.rows)).toBe(12997 + 247);
    expect(plan.deal).toMatchObject({ OPPORTUNITY: '132.44', TAX_VALUE: '2.47' });
  });

  it('keeps OPPORTUNITY at the subtotal by default (the seed rule)', () => {
    expect(invoiceToDeal(taxedInvoice, O, links).deal.OPPORTUNITY).toBe('129.97');
  });

  it("uses an estimate's TotalAmount for the total", () => {
    expect(estimateToDeal(estimateRet(), { ...O, dealAmount: 'total' }, links).deal.OPPORTUNITY).toBe('540.00');
  });

  it('adds no tax fields and no rounding row to a transaction without sales tax', () => {
    const plan = invoiceToDeal(invoiceRet({ lines: [taxedLines[3] as TxnLine] }), O, links);
    expect(plan.rows).toEqual([{ PRODUCT_ID: 0, PRODUCT_NAME: 'Labour', PRICE: 50, QUANTITY: 2 }]);
    expect('TAX_VALUE' in plan.deal).toBe(false);
  });

  it('marks rows tax-included when QuickBooks amounts include the tax', () => {
    const plan = invoiceToDeal({ ...taxedInvoice, IsTaxIncluded: true }, O, links);
    expect(plan.rows.map((r) => r.TAX_INCLUDED)).toEqual(['Y', 'Y', 'Y', 'Y']);
  });
});
