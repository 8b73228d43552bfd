import type { ReceivePaymentRet } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS as O, invoicePayment, invoiceToDeal, paymentFacts, type DealLinks } from '../index.js';
import { invoiceRet } from './fixtures.js';

const links: DealLinks = { productIdByItemListId: new Map() };
const fields = { ...O, dealAmountPaidField: 'UF_CRM_PAID', dealBalanceField: 'UF_CRM_BALANCE' };

describe('an invoice’s payments on its deal (mapping deals.fields)', () => {
  it.each([
    ['unpaid', { Subtotal: 10000, SalesTaxTotal: 0, AppliedAmount: 0, BalanceRemaining: 10000, IsPaid: false }, 0, 10000],
    // QuickBooks shows AppliedAmount negative (qbxml.md §4.4, sign unconfirmed): compared by absolute value.
    ['partly paid, negative AppliedAmount', { Subtotal: 10000, SalesTaxTotal: 800, AppliedAmount: -4000, BalanceRemaining: 6800, IsPaid: false }, 4000, 6800],
    ['paid, AppliedAmount missing', { Subtotal: 10000, SalesTaxTotal: 0, AppliedAmount: undefined, BalanceRemaining: 0, IsPaid: true }, 10000, 0],
    ['BalanceRemaining missing', { Subtotal: 10000, SalesTaxTotal: 0, AppliedAmount: 2500, BalanceRemaining: undefined, IsPaid: false }, 2500, 7500],
  ] as const)('%s: paid and balance come from what QuickBooks computed', (_name, over, paid, balance) => {
    expect(invoicePayment(invoiceRet(over))).toEqual({ paidCents: paid, balanceCents: balance });
  });

  it('the named fields carry paid and balance as amounts; unnamed ones are not written', () => {
    const inv = invoiceRet({ Subtotal: 10000, SalesTaxTotal: 0, AppliedAmount: -4000, BalanceRemaining: 6000, IsPaid: false });
    expect(invoiceToDeal(inv, fields, links).userFields).toEqual({ UF_CRM_PAID: '40.00', UF_CRM_BALANCE: '60.00' });
    expect(invoiceToDeal(inv, { ...fields, dealAmountPaidField: null }, links).userFields).toEqual({ UF_CRM_BALANCE: '60.00' });
    expect(invoiceToDeal(inv, O, links).userFields).toBeUndefined();
  });
});

describe('what the sync keeps of a payment', () => {
  const payment = (over: Partial<ReceivePaymentRet>): ReceivePaymentRet => ({
    TxnID: 'P1',
    TimeCreated: '2024-05-01T10:00:00',
    TimeModified: '2024-05-01T10:00:00',
    EditSequence: '1',
    CustomerRef: { ListID: 'C1' },
    TxnDate: '2024-05-01',
    AppliedToTxnRet: [],
    DataExtRet: [],
    ...over,
  });

  it('its invoices (each once, credit memos left out) and its unused payment plus unused credits', () => {
    const app = (TxnID: string, TxnType: string) => ({ TxnID, TxnType, LinkedTxn: [] });
    expect(
      paymentFacts(
        payment({
          UnusedPayment: 1250,
          UnusedCredits: 300,
          AppliedToTxnRet: [app('I1', 'Invoice'), app('M1', 'CreditMemo'), app('I1', 'Invoice'), app('I2', 'Invoice')],
        }),
      ),
    ).toEqual({ qbTxnId: 'P1', customerListId: 'C1', unusedCents: 1550, invoiceTxnIds: ['I1', 'I2'] });
  });
});
