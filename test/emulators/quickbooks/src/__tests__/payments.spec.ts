// ReceivePayment and paid-invoice detection (qbxml.md §4.6, §5.6, §5.7, §8.9).
import { describe, expect, it } from 'vitest';
import type { QuickBooksVariants } from '../company/variants.type.js';
import { generateSampleCompany } from '../fixtures/generate-sample-company.js';
import { smallBooks } from './books-fixture.js';
import { field, one, rets } from './qbxml-test-helpers.js';

function withInvoice(variant: Partial<QuickBooksVariants> = {}) {
  const b = smallBooks({ variants: variant });
  const invoice = b.c.userAddTxn('Invoice', { CustomerRef: { ListID: b.customer } }, [{ ItemRef: { ListID: b.service }, Quantity: '2', Rate: '100.00' }]);
  return { ...b, invoice };
}
const pay = (customer: string, apply: string): string =>
  `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><ListID>${customer}</ListID></CustomerRef><TotalAmount>150.00</TotalAmount>${apply}</ReceivePaymentAdd></ReceivePaymentAddRq>`;
const applyTo = (txnId: string, amount: string): string => `<AppliedToTxnAdd><TxnID>${txnId}</TxnID><PaymentAmount>${amount}</PaymentAmount></AppliedToTxnAdd>`;
const modifiedSince = (kind: string, from: string): string =>
  `<${kind}QueryRq><ModifiedDateRangeFilter><FromModifiedDate>${from}</FromModifiedDate></ModifiedDateRangeFilter><IncludeLinkedTxns>true</IncludeLinkedTxns></${kind}QueryRq>`;

describe('ReceivePayment', () => {
  it('a partial payment lowers the invoice balance; the rest pays it and IsPaid turns true', async () => {
    const { c, customer, invoice } = withInvoice();
    const rs = await one(c, pay(customer, applyTo(invoice, '150.00')));
    expect(rs.attrs['statusCode']).toBe('0');
    const payment = rets(rs.node, 'ReceivePaymentRet')[0];
    expect(field(payment, 'UnusedPayment')).toBe('0.00');
    expect(rets(payment ?? {}, 'AppliedToTxnRet')[0]).toMatchObject({ TxnID: invoice, TxnType: 'Invoice', BalanceRemaining: '50.00', Amount: '150.00' });
    expect(c.getRet(invoice)).toMatchObject({ BalanceRemaining: '50.00', IsPaid: 'false' });
    c.sales.receivePayment({ CustomerRef: { ListID: customer }, TotalAmount: '50.00', AppliedToTxnAdd: [{ TxnID: invoice, PaymentAmount: '50.00' }] });
    expect(c.getRet(invoice)).toMatchObject({ BalanceRemaining: '0.00', IsPaid: 'true' });
  });

  it('paying more than the amount due answers 3210; paying a paid invoice answers 3120', async () => {
    const { c, customer, invoice } = withInvoice();
    expect((await one(c, pay(customer, applyTo(invoice, '250.00')))).attrs['statusCode']).toBe('3210');
    c.sales.receivePayment({ CustomerRef: { ListID: customer }, TotalAmount: '200.00', AppliedToTxnAdd: [{ TxnID: invoice, PaymentAmount: '200.00' }] });
    expect((await one(c, pay(customer, applyTo(invoice, '1.00')))).attrs['statusCode']).toBe('3120');
  });

  it('IsAutoApply false leaves the payment unapplied (UnusedPayment = TotalAmount); true applies it to the open invoice', async () => {
    const { c, customer, invoice } = withInvoice();
    const unapplied = await one(c, pay(customer, '<IsAutoApply>false</IsAutoApply>'));
    expect(field(rets(unapplied.node, 'ReceivePaymentRet')[0], 'UnusedPayment')).toBe('150.00');
    await one(c, pay(customer, '<IsAutoApply>true</IsAutoApply>'));
    expect(c.getRet(invoice)).toMatchObject({ BalanceRemaining: '50.00' });
  });

  it('under the default variant a payment moves the invoice TimeModified, so an invoice-only sync sees it', async () => {
    const { c, customer, invoice } = withInvoice();
    c.advance(3_600_000);
    const es = c.getRet(invoice)?.['EditSequence'];
    await one(c, pay(customer, applyTo(invoice, '150.00')));
    expect(c.getRet(invoice)?.['EditSequence']).not.toBe(es);
    expect(rets((await one(c, modifiedSince('Invoice', '2024-05-01T11:30:00'))).node, 'InvoiceRet')).toHaveLength(1);
  });

  it("under 'findable' the invoice keeps TimeModified and EditSequence but the modified-date filter still returns it", async () => {
    const { c, customer, invoice } = withInvoice({ paymentTouchesInvoice: 'findable' });
    c.advance(3_600_000);
    const before = c.getRet(invoice);
    await one(c, pay(customer, applyTo(invoice, '150.00')));
    expect(c.getRet(invoice)).toMatchObject({ EditSequence: before?.['EditSequence'], TimeModified: before?.['TimeModified'], BalanceRemaining: '50.00' });
    expect(rets((await one(c, modifiedSince('Invoice', '2024-05-01T11:30:00'))).node, 'InvoiceRet')).toHaveLength(1);
  });

  it("under 'untouched' only ReceivePaymentQuery finds the change; re-reading the invoice by TxnID shows the balance and the payment link", async () => {
    const { c, customer, invoice } = withInvoice({ paymentTouchesInvoice: 'untouched' });
    c.advance(3_600_000);
    const rs = await one(c, pay(customer, applyTo(invoice, '150.00')));
    const paymentId = field(rets(rs.node, 'ReceivePaymentRet')[0], 'TxnID');
    expect((await one(c, modifiedSince('Invoice', '2024-05-01T11:30:00'))).attrs['statusCode']).toBe('1');
    const payments = await one(
      c,
      '<ReceivePaymentQueryRq><ModifiedDateRangeFilter><FromModifiedDate>2024-05-01T11:30:00</FromModifiedDate></ModifiedDateRangeFilter></ReceivePaymentQueryRq>',
    );
    expect(rets(rets(payments.node, 'ReceivePaymentRet')[0] ?? {}, 'AppliedToTxnRet')[0]).toMatchObject({ TxnID: invoice });
    const reread = await one(c, `<InvoiceQueryRq><TxnID>${invoice}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>`);
    const inv = rets(reread.node, 'InvoiceRet')[0];
    expect(field(inv, 'BalanceRemaining')).toBe('50.00');
    expect(inv?.['LinkedTxn']).toMatchObject({ TxnID: paymentId, TxnType: 'ReceivePayment', LinkType: 'AMTTYPE', Amount: '-150.00' });
  });

  it('deleting a payment re-opens its invoice and shows in TxnDeletedQuery for ReceivePayment', async () => {
    const { c, customer, invoice } = withInvoice();
    const paymentId = c.sales.receivePayment({
      CustomerRef: { ListID: customer },
      TotalAmount: '200.00',
      AppliedToTxnAdd: [{ TxnID: invoice, PaymentAmount: '200.00' }],
    });
    expect(c.getRet(invoice)).toMatchObject({ IsPaid: 'true' });
    expect((await one(c, `<TxnDelRq><TxnDelType>ReceivePayment</TxnDelType><TxnID>${paymentId}</TxnID></TxnDelRq>`)).attrs['statusCode']).toBe('0');
    expect(c.getRet(invoice)).toMatchObject({ IsPaid: 'false', BalanceRemaining: '200.00' });
    const del = await one(c, '<TxnDeletedQueryRq><TxnDelType>ReceivePayment</TxnDelType><TxnDelType>SalesReceipt</TxnDelType></TxnDeletedQueryRq>');
    expect(rets(del.node, 'TxnDeletedRet')[0]).toMatchObject({ TxnDelType: 'ReceivePayment', TxnID: paymentId });
  });

  it('PaidStatus NotPaidOnly (the open-invoice sweep) drops an invoice once a payment settles it', async () => {
    const { c, customer, invoice } = withInvoice({ paymentTouchesInvoice: 'untouched' });
    const sweep = `<InvoiceQueryRq><EntityFilter><ListID>${customer}</ListID></EntityFilter><PaidStatus>NotPaidOnly</PaidStatus><IncludeRetElement>TxnID</IncludeRetElement><IncludeRetElement>BalanceRemaining</IncludeRetElement></InvoiceQueryRq>`;
    expect(rets((await one(c, sweep)).node, 'InvoiceRet')).toEqual([{ TxnID: invoice, BalanceRemaining: '200.00' }]);
    c.sales.receivePayment({ CustomerRef: { ListID: customer }, TotalAmount: '200.00', AppliedToTxnAdd: [{ TxnID: invoice, PaymentAmount: '200.00' }] });
    expect((await one(c, sweep)).attrs['statusCode']).toBe('1');
  });

  it('the sample company with realPayments has a ReceivePayment behind every paid invoice, with the same balances as without', () => {
    const scale = { customers: 30, invoices: 40, estimates: 2 };
    const plain = generateSampleCompany({ seed: 3, scale });
    const real = generateSampleCompany({ seed: 3, scale, realPayments: true });
    const balances = (c: typeof plain): string[] => c.ids('Invoice').map((id) => String(c.getRet(id)?.['BalanceRemaining']));
    expect(balances(real)).toEqual(balances(plain));
    const paidOrPartly = real.ids('Invoice').filter((id) => real.getRet(id)?.['AppliedAmount'] !== '0.00');
    expect(paidOrPartly.length).toBeGreaterThan(0);
    expect(real.count('ReceivePayment')).toBe(paidOrPartly.length);
    expect(plain.count('ReceivePayment')).toBe(0);
  });
});
