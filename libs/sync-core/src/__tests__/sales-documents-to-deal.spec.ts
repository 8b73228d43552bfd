import type { CreditMemoRet, InvoiceRet, SalesReceiptRet, TxnLine } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS as O, creditMemoToDeal, isVoided, salesReceiptToDeal, type DealLinks } from '../index.js';
import { line } from './fixtures.js';

const links = (extra: Partial<DealLinks> = {}): DealLinks => ({ productIdByItemListId: new Map([['I1', '450']]), ...extra });

// 3 × 19.99 taxed at 8.875 % (5.32, rounded once by QuickBooks) and 100.00 untaxed: qbxml.md §4.7's recorded shape.
const taxedLines: TxnLine[] = [
  line({ ItemRef: { ListID: 'I1', FullName: 'Consulting' }, Quantity: 1, Rate: '100.00', Amount: 10000, SalesTaxCodeRef: { FullName: 'Non' } }),
  line({ TxnLineID: 'L2', ItemRef: { ListID: 'I2', FullName: 'Gadget' }, Quantity: 3, Rate: '19.99', Amount: 5997, SalesTaxCodeRef: { FullName: 'Tax' } }),
];

function salesReceipt(over: Partial<SalesReceiptRet> = {}): SalesReceiptRet {
  return {
    TxnID: '2C1-1765200000',
    TimeCreated: '2026-12-03T11:00:00-05:00',
    TimeModified: '2026-12-03T11:00:00-05:00',
    EditSequence: '1765200000',
    CustomerRef: { ListID: '80000001-1700000000' },
    TxnDate: '2026-12-03',
    RefNumber: 'SR-12',
    Subtotal: 15997,
    SalesTaxPercentage: '8.875',
    SalesTaxTotal: 532,
    TotalAmount: 16529,
    Memo: 'cash',
    LinkedTxn: [],
    lines: taxedLines,
    DataExtRet: [],
    ...over,
  };
}

/** An invoice has no TotalAmount (qbxml.md §4.4): its total is Subtotal + SalesTaxTotal. */
function invoice(over: Partial<InvoiceRet> = {}): InvoiceRet {
  const { TotalAmount: _none, CreditRemaining: _no, ...base } = { ...salesReceipt(), CreditRemaining: 0 };
  return { ...base, TxnID: '2D1-1765300000', RefNumber: '1043', Memo: 'December work', BalanceRemaining: 16529, IsPaid: false, ...over };
}

function creditMemo(over: Partial<CreditMemoRet> = {}): CreditMemoRet {
  return {
    TxnID: '2A1-1765000000',
    TimeCreated: '2026-12-01T10:00:00-05:00',
    TimeModified: '2026-12-01T10:00:00-05:00',
    EditSequence: '1765000000',
    CustomerRef: { ListID: '80000001-1700000000' },
    TxnDate: '2026-12-01',
    RefNumber: 'CM-7',
    Subtotal: 15997,
    SalesTaxPercentage: '8.875',
    SalesTaxTotal: 532,
    TotalAmount: 16529,
    CreditRemaining: 2500,
    LinkedTxn: [],
    lines: taxedLines,
    DataExtRet: [],
    ...over,
  };
}

describe('salesReceiptToDeal', () => {
  it('puts a sales receipt in the sales-receipt stage (paid at once) with its rows and tax, like an invoice', () => {
    const plan = salesReceiptToDeal(salesReceipt(), O, links({ contactId: '43' }));
    expect(plan.deal).toMatchObject({
      TITLE: 'Sales receipt SR-12',
      STAGE_ID: 'WON',
      OPPORTUNITY: '159.97',
      TAX_VALUE: '5.32',
      CONTACT_ID: '43',
      ORIGIN_ID: '2C1-1765200000',
      BEGINDATE: '2026-12-03',
      CLOSEDATE: '2026-12-03',
    });
    expect(plan.rows).toEqual([
      { PRODUCT_ID: 450, PRICE: 100, QUANTITY: 1, TAX_RATE: 0, TAX_INCLUDED: 'N' },
      { PRODUCT_ID: 0, PRODUCT_NAME: 'Gadget', PRICE: 19.99, QUANTITY: 3, TAX_RATE: 8.875, TAX_INCLUDED: 'N' },
    ]);
    expect(plan.userFields).toBeUndefined();
  });

  it('with amount "total" OPPORTUNITY is the TotalAmount, and the configured stage is used', () => {
    const deal = salesReceiptToDeal(salesReceipt(), { ...O, dealAmount: 'total', salesReceiptStageId: 'C2:WON' }, links()).deal;
    expect([deal.OPPORTUNITY, deal.STAGE_ID]).toEqual(['165.29', 'C2:WON']);
  });
});

describe('creditMemoToDeal', () => {
  it('puts a credit memo in the credit-memo stage with its rows, and no deal field unless the mapping names one', () => {
    const plan = creditMemoToDeal(creditMemo(), O, links());
    expect(plan.deal).toMatchObject({ TITLE: 'Credit memo CM-7', STAGE_ID: 'APOLOGY', OPPORTUNITY: '159.97', TAX_VALUE: '5.32' });
    expect(plan.rows).toHaveLength(2);
    expect(plan.userFields).toBeUndefined();
  });

  it('writes the remaining credit to the named deal field, to the cent', () => {
    const o = { ...O, creditRemainingField: 'UF_CRM_CREDIT_LEFT' };
    expect(creditMemoToDeal(creditMemo(), o, links()).userFields).toEqual({ UF_CRM_CREDIT_LEFT: '25.00' });
    expect(creditMemoToDeal(creditMemo({ CreditRemaining: 0 }), o, links()).userFields).toEqual({ UF_CRM_CREDIT_LEFT: '0.00' });
  });
});

describe('isVoided', () => {
  const zeroLines: TxnLine[] = taxedLines.map((l) => ({ ...l, Amount: 0, Quantity: 0 }));
  it.each([
    [
      'a void as the emulator records it (zero lines, VOID: memo)',
      salesReceipt({ TotalAmount: 0, Subtotal: 0, SalesTaxTotal: 0, Memo: 'VOID: cash', lines: zeroLines }),
      true,
    ],
    ['zero lines without the memo prefix', creditMemo({ TotalAmount: 0, Subtotal: 0, SalesTaxTotal: 0, lines: zeroLines }), true],
    ['an ordinary sales receipt', salesReceipt(), false],
    ['a used-up credit memo (no credit left, amounts kept)', creditMemo({ CreditRemaining: 0 }), false],
    ['a memo that only starts with VOID:', salesReceipt({ Memo: 'VOID: printed twice' }), false],
    // Invoices: the total is Subtotal + SalesTaxTotal, whatever QuickBooks does with the memo.
    ['a voided invoice (zero lines, VOID: memo)', invoice({ Subtotal: 0, SalesTaxTotal: 0, Memo: 'VOID: December work', lines: zeroLines }), true],
    ['a voided invoice whose memo was left as it was', invoice({ Subtotal: 0, SalesTaxTotal: 0, lines: zeroLines }), true],
    ['a voided invoice with the VOID: memo whose lines kept their amounts', invoice({ Subtotal: 0, SalesTaxTotal: 0, Memo: 'VOID:' }), true],
    ['an ordinary invoice', invoice(), false],
    ['a paid invoice (nothing left to pay, amounts kept)', invoice({ BalanceRemaining: 0, IsPaid: true }), false],
    ['an invoice whose memo only starts with VOID:', invoice({ Memo: 'VOID: sent twice' }), false],
    ['an invoice with zero tax but a subtotal', invoice({ SalesTaxTotal: 0 }), false],
  ])('%s', (_what, txn, voided) => {
    expect(isVoided(txn)).toBe(voided);
  });
});
