import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { s, type Rec } from '../support/record-values.js';
import { startImportedHarness, type Harness } from '../support/sync-harness.js';

// Received payments (issue 16, qbxml.md §4.6, §5.6). Whether a payment moves its invoice's TimeModified is unknown,
// so every behaviour is checked under the QuickBooks emulator's three `paymentTouchesInvoice` variants.

const rules: MappingRules = {
  ...DEFAULT_MAPPING_RULES,
  deals: {
    ...DEFAULT_MAPPING_RULES.deals,
    stages: { ...DEFAULT_MAPPING_RULES.deals.stages, invoicePartiallyPaid: 'FINAL_INVOICE' },
    fields: { ...DEFAULT_MAPPING_RULES.deals.fields, amountPaid: 'UF_CRM_QB_PAID', balance: 'UF_CRM_QB_BALANCE' },
  },
  payments: { unappliedField: { contact: null, company: 'UF_CRM_QB_UNAPPLIED' } },
};

async function addUserField(webhookUrl: string, entity: string, name: string): Promise<void> {
  const res = await fetch(`${webhookUrl}crm.${entity}.userfield.add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { FIELD_NAME: name, USER_TYPE_ID: 'string' } }),
  });
  expect(res.status).toBe(200);
}

/** Bitrix24 calls that write (alone or inside a batch). */
const writes = (x: Harness): number =>
  x.portal.calls.filter((c) => [c.method, ...(c.batchMethods ?? [])].some((m) => /\.(add|update|delete|set)$/.test(m))).length;

describe.each(['modified', 'findable', 'untouched'] as const)("received payments (QuickBooks variant paymentTouchesInvoice '%s')", (variant) => {
  let h: Harness;
  let customer = '';
  let item = '';

  beforeAll(async () => {
    const qb = generateSampleCompany({ seed: 16, scale: { customers: 4, vendors: 1, items: 3, invoices: 2, estimates: 0 } });
    qb.variants = { ...qb.variants, paymentTouchesInvoice: variant };
    customer = qb.userAddList('Customer', { Name: 'Paying Partners', CompanyName: 'Paying Partners', FirstName: 'Pat', LastName: 'Payer' });
    item = qb.ids('ItemService')[0] ?? '';
    // The company already has a payment, so the first import sets the payment watermark from QuickBooks' own clock
    // (with none, it is the service's clock, which this emulated company file lags by two years).
    qb.sales.receivePayment({ CustomerRef: { ListID: qb.ids('Customer')[0] ?? '' }, TotalAmount: '1.00', IsAutoApply: 'false' });
    h = await startImportedHarness({
      qb,
      values: new Map([[MAPPING_RULES, rules]]),
      preparePortal: async (portal) => {
        await addUserField(portal.webhookUrl, 'deal', 'QB_PAID');
        await addUserField(portal.webhookUrl, 'deal', 'QB_BALANCE');
        await addUserField(portal.webhookUrl, 'company', 'QB_UNAPPLIED');
      },
    });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  const invoice = (amount: string): string =>
    h.qb.userAddTxn('Invoice', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: item }, Quantity: '1', Rate: amount }]);
  /**
   * A new invoice of 100.00 for the customer, synced to its deal; then a later invoice moves the invoice watermark
   * beyond the re-read overlap (SYNC_OVERLAP_MINUTES, 3 h), so the invoice query alone no longer returns the first one.
   */
  async function syncedInvoice(): Promise<string> {
    h.qb.advance(3600_000);
    const txn = invoice('100.00');
    expect((await h.session()).outcome).toBe('completed');
    expect(deal(txn)?.['STAGE_ID']).toBe('EXECUTING');
    h.qb.advance(6 * 3600_000);
    invoice('1.00');
    expect((await h.session()).outcome).toBe('completed');
    return txn;
  }
  const deal = (txn: string): Rec | undefined => h.portal.list('deal').find((d) => s(d['ORIGIN_ID']) === txn);
  const pay = (txn: string, amount: string): string =>
    h.qb.sales.receivePayment({ CustomerRef: { ListID: customer }, TotalAmount: amount, AppliedToTxnAdd: [{ TxnID: txn, PaymentAmount: amount }] });

  it('a full payment moves the deal to the paid stage with the amount paid and a zero balance', async () => {
    const txn = await syncedInvoice();
    h.qb.advance(3600_000);
    pay(txn, '100.00');
    expect((await h.session()).outcome).toBe('completed');
    expect(deal(txn)).toMatchObject({ STAGE_ID: 'WON', UF_CRM_QB_PAID: '100.00', UF_CRM_QB_BALANCE: '0.00' });
  });

  it('a partial payment moves the deal to the partly-paid stage with what is paid and what is left', async () => {
    const txn = await syncedInvoice();
    h.qb.advance(3600_000);
    pay(txn, '40.00');
    expect((await h.session()).outcome).toBe('completed');
    expect(deal(txn)).toMatchObject({ STAGE_ID: 'FINAL_INVOICE', UF_CRM_QB_PAID: '40.00', UF_CRM_QB_BALANCE: '60.00' });
  });

  it('a payment entered days after the invoice was last modified still moves its deal', async () => {
    const txn = await syncedInvoice();
    const invoiceModified = s(h.qb.getRet(txn)?.['TimeModified']);
    h.qb.advance(3 * 24 * 3600_000);
    invoice('2.00');
    expect((await h.session()).outcome).toBe('completed');
    h.qb.advance(24 * 3600_000);
    pay(txn, '100.00');
    if (variant !== 'modified') expect(s(h.qb.getRet(txn)?.['TimeModified'])).toBe(invoiceModified);
    expect((await h.session()).outcome).toBe('completed');
    expect(deal(txn)?.['STAGE_ID']).toBe('WON');
  });

  it('deleting a payment in QuickBooks re-opens the deal', async () => {
    const txn = await syncedInvoice();
    h.qb.advance(3600_000);
    const payment = pay(txn, '100.00');
    await h.session();
    expect(deal(txn)?.['STAGE_ID']).toBe('WON');
    h.qb.advance(3600_000);
    h.qb.userDelete(payment);
    expect((await h.session()).outcome).toBe('completed');
    expect(deal(txn)).toMatchObject({ STAGE_ID: 'EXECUTING', UF_CRM_QB_PAID: '0.00', UF_CRM_QB_BALANCE: '100.00' });
  });

  it("an unapplied payment shows on the customer's company, and goes when the payment is deleted", async () => {
    const company = (): Rec | undefined => h.portal.list('company').find((c) => s(c['ORIGIN_ID']) === customer);
    h.qb.advance(3600_000);
    const payment = h.qb.sales.receivePayment({ CustomerRef: { ListID: customer }, TotalAmount: '25.50', IsAutoApply: 'false' });
    expect((await h.session()).outcome).toBe('completed');
    expect(company()?.['UF_CRM_QB_UNAPPLIED']).toBe('25.50');
    h.qb.advance(3600_000);
    h.qb.userDelete(payment);
    expect((await h.session()).outcome).toBe('completed');
    expect(company()?.['UF_CRM_QB_UNAPPLIED']).toBe('0.00');
  });

  it('a second session with no change in QuickBooks writes nothing to Bitrix24', async () => {
    const txn = await syncedInvoice();
    h.qb.advance(3600_000);
    pay(txn, '30.00');
    h.qb.sales.receivePayment({ CustomerRef: { ListID: customer }, TotalAmount: '5.00', IsAutoApply: 'false' });
    await h.session();
    await h.portal.idle();
    h.qb.advance(60_000);
    await h.session();
    await h.portal.idle();
    const before = writes(h);
    h.qb.advance(60_000);
    expect((await h.session()).outcome).toBe('completed');
    await h.portal.idle();
    expect(writes(h)).toBe(before);
  });
});
