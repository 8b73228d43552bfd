// Issue 16 parts 2 and 3: QuickBooks sales receipts (cash sales) and credit memos become Bitrix24 deals, with their
// product rows and tax; voids and deletes follow deletes.fromQuickBooks; the dry run shows them.
import { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import type { B24RecordPreview, B24RemovalPreview } from '../../apps/connector/src/sync/dry-run/dry-run.type.js';
import { sessionAnHourLater } from '../support/portal-writes.js';
import { voidTxn } from '../support/qb-void.js';
import { rec, s, type Rec } from '../support/record-values.js';
import { startSwitchableProxy, type SwitchableProxy } from '../support/switchable-proxy.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';
import { TEST_ADMIN_TOKEN } from '../support/test-app.js';

let h: Harness | undefined;
let proxy: SwitchableProxy | undefined;
afterEach(async () => {
  await h?.close();
  await proxy?.close();
  h = undefined;
  proxy = undefined;
});

const HOUR = 3600_000;
const cents = (v: unknown): number => Math.round(Number(v) * 100);

/** A small company: one customer, an untaxed service and a taxed product; the default aux lists have "NY State Tax" (8.875 %). */
function books(): { qb: QuickBooksCompany; customer: string; service: string; gadget: string } {
  const qb = new QuickBooksCompany({ now: new Date('2026-12-01T15:00:00Z') });
  const customer = qb.userAddList('Customer', { Name: 'Steve Anderson', FirstName: 'Steve', LastName: 'Anderson' });
  const service = qb.userAddList('ItemService', {
    Name: 'Consulting',
    SalesTaxCodeRef: { FullName: 'Non' },
    SalesOrPurchase: { Price: '100.00', AccountRef: { FullName: 'Services' } },
  });
  const gadget = qb.userAddList('ItemNonInventory', {
    Name: 'Gadget',
    SalesTaxCodeRef: { FullName: 'Tax' },
    SalesOrPurchase: { Price: '19.99', AccountRef: { FullName: 'Sales' } },
  });
  return { qb, customer, service, gadget };
}

/** A taxed document: 1 × 100.00 untaxed, 3 × 19.99 taxed; QuickBooks rounds the tax once (5.32), total 165.29. */
function addDocument(b: ReturnType<typeof books>, kind: 'SalesReceipt' | 'CreditMemo', ref: string): string {
  return b.qb.userAddTxn(kind, { CustomerRef: { ListID: b.customer }, TxnDate: '2026-12-01', RefNumber: ref, ItemSalesTaxRef: { FullName: 'NY State Tax' } }, [
    { ItemRef: { ListID: b.service }, Quantity: '1', Rate: '100.00' },
    { ItemRef: { ListID: b.gadget }, Quantity: '3', Rate: '19.99' },
  ]);
}

function dealOf(x: Harness, txnId: string): Rec | undefined {
  const deals = x.portal.list('deal').filter((d) => s(d['ORIGIN_ID']) === txnId);
  expect(deals.length, `deals carrying ${txnId}`).toBeLessThanOrEqual(1);
  return deals[0];
}

/** Cents the rows add up to with the tax the portal applies per row (TAX_RATE on top unless TAX_INCLUDED). */
function rowsTotal(rows: readonly Rec[]): number {
  return rows.reduce((acc, r) => {
    const net = Math.round(Number(r['PRICE']) * Number(r['QUANTITY']) * 100);
    const tax = s(r['TAX_INCLUDED']) === 'Y' ? 0 : Math.round((net * Number(r['TAX_RATE'] ?? 0)) / 100);
    return acc + net + tax;
  }, 0);
}

/** Bitrix24 methods that change something, batch members included. */
const withRules = (over: (r: MappingRules) => MappingRules): ReadonlyMap<symbol, unknown> => new Map([[MAPPING_RULES, over(DEFAULT_MAPPING_RULES)]]);

async function addDealUserField(webhookUrl: string, fieldName: string): Promise<void> {
  const res = await fetch(`${webhookUrl}crm.deal.userfield.add`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ fields: { FIELD_NAME: fieldName, USER_TYPE_ID: 'double' } }),
  });
  expect(res.status).toBe(200);
}

describe('QuickBooks sales receipts → Bitrix24 deals', () => {
  it('a sales receipt lands as a won deal for its customer, with its product rows, tax and total to the cent', async () => {
    const b = books();
    const sr = addDocument(b, 'SalesReceipt', 'SR-1');
    const ret = rec(b.qb.getRet(sr));
    expect([ret['TotalAmount'], ret['SalesTaxTotal']]).toEqual(['165.29', '5.32']);
    h = await startHarness({ qb: b.qb, values: withRules((r) => ({ ...r, deals: { ...r.deals, amount: 'total' } })) });
    expect((await h.session()).outcome).toBe('completed');

    const deal = dealOf(h, sr);
    expect(deal).toMatchObject({ TITLE: 'Sales receipt SR-1', STAGE_ID: 'WON', ORIGINATOR_ID: 'QUICKBOOKS' });
    expect(cents(deal?.['OPPORTUNITY'])).toBe(16529);
    expect(cents(deal?.['TAX_VALUE'])).toBe(532);
    const contact = h.portal.list('contact').find((c) => s(c['ORIGIN_ID']) === b.customer);
    expect(s(deal?.['CONTACT_ID'])).toBe(s(contact?.['ID']));
    const rows = h.portal.productRows(Number(deal?.['ID'])) as Rec[];
    const products = new Map(h.portal.list('product').map((p) => [s(p['ID']), s(p['XML_ID'])]));
    expect(rows.map((r) => [products.get(s(r['PRODUCT_ID'])), Number(r['QUANTITY']), Number(r['TAX_RATE'] ?? 0)])).toEqual([
      [`QB_${b.service}`, 1, 0],
      [`QB_${b.gadget}`, 3, 8.875],
    ]);
    expect(rowsTotal(rows)).toBe(16529);
  });
});

describe('QuickBooks credit memos → Bitrix24 deals', () => {
  it('a credit memo lands in the credit stage with its rows and the credit still available in the named deal field', async () => {
    const b = books();
    const memo = addDocument(b, 'CreditMemo', 'CM-1');
    // 40.00 of the 165.29 credit is used on an invoice: 125.29 remains.
    const inv = b.qb.userAddTxn('Invoice', { CustomerRef: { ListID: b.customer }, TxnDate: '2026-12-01' }, [
      { ItemRef: { ListID: b.service }, Quantity: '1', Rate: '100.00' },
    ]);
    b.qb.sales.receivePayment({
      CustomerRef: { ListID: b.customer },
      TotalAmount: '60.00',
      AppliedToTxnAdd: [{ TxnID: inv, PaymentAmount: '60.00', SetCredit: [{ CreditTxnID: memo, AppliedAmount: '40.00' }] }],
    });
    expect(rec(b.qb.getRet(memo))['CreditRemaining']).toBe('125.29');
    h = await startHarness({
      qb: b.qb,
      values: withRules((r) => ({ ...r, deals: { ...r.deals, fields: { ...r.deals.fields, creditRemaining: 'UF_CRM_CREDIT_LEFT' } } })),
      preparePortal: (portal) => addDealUserField(portal.webhookUrl, 'CREDIT_LEFT'),
    });
    expect((await h.session()).outcome).toBe('completed');

    const deal = dealOf(h, memo);
    expect(deal).toMatchObject({ TITLE: 'Credit memo CM-1', STAGE_ID: 'APOLOGY' });
    expect(cents(deal?.['OPPORTUNITY'])).toBe(15997);
    expect(cents(deal?.['UF_CRM_CREDIT_LEFT'])).toBe(12529);
    const rows = h.portal.productRows(Number(deal?.['ID'])) as Rec[];
    expect(rows).toHaveLength(2);
    expect(rowsTotal(rows)).toBe(16529);
    // The invoice the credit went to is a deal of its own; the memo's deal is not touched by it.
    expect(dealOf(h, inv)).toBeDefined();
  });
});

describe('a credit used after the credit memo was synced', () => {
  it('reaches the deal field when the memo is read again, although the memo itself kept its EditSequence', async () => {
    const b = books();
    const memo = addDocument(b, 'CreditMemo', 'CM-9');
    const inv = b.qb.userAddTxn('Invoice', { CustomerRef: { ListID: b.customer }, TxnDate: '2026-12-01' }, [
      { ItemRef: { ListID: b.service }, Quantity: '1', Rate: '100.00' },
    ]);
    h = await startHarness({
      qb: b.qb,
      values: withRules((r) => ({ ...r, deals: { ...r.deals, fields: { ...r.deals.fields, creditRemaining: 'UF_CRM_CREDIT_LEFT' } } })),
      preparePortal: (portal) => addDealUserField(portal.webhookUrl, 'CREDIT_LEFT'),
    });
    expect((await h.session()).outcome).toBe('completed');
    expect(cents(dealOf(h, memo)?.['UF_CRM_CREDIT_LEFT'])).toBe(16529);

    // The emulator's default: applying a credit leaves the memo's TimeModified and EditSequence as they were
    // (undocumented, qbxml.md §5.6); within the overlap window the next session reads the memo again.
    const version = rec(h.qb.getRet(memo))['EditSequence'];
    h.qb.advance(HOUR);
    h.qb.sales.receivePayment({
      CustomerRef: { ListID: b.customer },
      TotalAmount: '0.00',
      AppliedToTxnAdd: [{ TxnID: inv, PaymentAmount: '0.00', SetCredit: [{ CreditTxnID: memo, AppliedAmount: '100.00' }] }],
    });
    expect(rec(h.qb.getRet(memo))).toMatchObject({ CreditRemaining: '65.29', EditSequence: version });
    expect((await h.session()).outcome).toBe('completed');
    expect(cents(dealOf(h, memo)?.['UF_CRM_CREDIT_LEFT'])).toBe(6529);
  });
});

describe('sales receipts and credit memos over several sessions', () => {
  it('a second session writes nothing to Bitrix24', async () => {
    const b = books();
    addDocument(b, 'SalesReceipt', 'SR-2');
    addDocument(b, 'CreditMemo', 'CM-2');
    h = await startHarness({ qb: b.qb });
    expect((await h.session()).outcome).toBe('completed');
    const deals = h.portal.list('deal').length;
    expect(deals).toBe(2);
    // The overlap window reads both documents again; their fingerprints are unchanged.
    expect(await sessionAnHourLater(h)).toEqual({ outcome: 'completed', writes: [], deals });
  });

  it('with deletes "mark", a voided sales receipt and a deleted credit memo move to the deleted stage and keep their rows', async () => {
    const b = books();
    const sr = addDocument(b, 'SalesReceipt', 'SR-3');
    const memo = addDocument(b, 'CreditMemo', 'CM-3');
    h = await startHarness({ qb: b.qb });
    expect((await h.session()).outcome).toBe('completed');
    const srDeal = dealOf(h, sr);
    const memoDeal = dealOf(h, memo);

    h.qb.advance(HOUR);
    await voidTxn(h.qb, 'SalesReceipt', sr);
    h.qb.userDelete(memo);
    expect((await h.session()).outcome).toBe('completed');
    for (const [before, what] of [
      [srDeal, 'voided sales receipt'],
      [memoDeal, 'deleted credit memo'],
    ] as const) {
      const after = h.portal.get('deal', Number(before?.['ID'])) as Rec | undefined;
      expect(s(after?.['STAGE_ID']), what).toBe('LOSE');
      expect(cents(after?.['OPPORTUNITY']), what).toBe(cents(before?.['OPPORTUNITY']));
      expect(h.portal.productRows(Number(before?.['ID'])), what).toHaveLength(2);
    }

    // The voided receipt is read again in the overlap window: it stays marked, nothing is written.
    expect(await sessionAnHourLater(h)).toEqual({ outcome: 'completed', writes: [], deals: 2 });
  });

  it('with deletes "delete", a voided sales receipt and a deleted credit memo lose their deals, and no deal comes back', async () => {
    const b = books();
    const sr = addDocument(b, 'SalesReceipt', 'SR-4');
    const memo = addDocument(b, 'CreditMemo', 'CM-4');
    h = await startHarness({ qb: b.qb, values: withRules((r) => ({ ...r, deletes: { ...r.deletes, fromQuickBooks: 'delete' } })) });
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal')).toHaveLength(2);

    h.qb.advance(HOUR);
    await voidTxn(h.qb, 'SalesReceipt', sr);
    h.qb.userDelete(memo);
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal')).toEqual([]);

    h.qb.advance(HOUR);
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal')).toEqual([]);
  });
});

describe('the dry run of sales receipts and credit memos', () => {
  it('lists a new sales receipt and credit memo as creates and a voided receipt among the removals, as the worker then does', async () => {
    proxy = await startSwitchableProxy();
    const b = books();
    const voided = addDocument(b, 'SalesReceipt', 'SR-5');
    h = await startHarness({
      qb: b.qb,
      portal: { code: 'salesdocs1' },
      env: { BITRIX24_WEBHOOK_URL: `http://127.0.0.1:${proxy.port}/rest/1/salesdocs1/`, BITRIX24_MAX_RETRIES: '0' },
    });
    const y = h;
    proxy.forwardTo(Number(new URL(y.portal.webhookUrl).port));
    expect((await y.session()).outcome).toBe('completed');
    const voidedDeal = dealOf(y, voided);
    expect(s(voidedDeal?.['STAGE_ID'])).toBe('WON');

    y.qb.advance(HOUR);
    const sr = addDocument(b, 'SalesReceipt', 'SR-6');
    const memo = addDocument(b, 'CreditMemo', 'CM-6');
    await voidTxn(y.qb, 'SalesReceipt', voided);
    proxy.refuse();
    expect((await y.session()).outcome).toBe('completed');
    proxy.forwardTo(Number(new URL(y.portal.webhookUrl).port));

    const res = await y.t.app.inject({ method: 'GET', url: '/admin/dry-run', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ toBitrix24: { records: B24RecordPreview[]; removals: B24RemovalPreview[] } }>();
    const byId = new Map(body.toBitrix24.records.map((r) => [r.qbId, r]));
    expect(byId.get(sr)).toMatchObject({ qbEntity: 'salesReceipt', b24Entity: 'deal', action: 'create', b24Id: null });
    expect(byId.get(memo)).toMatchObject({ qbEntity: 'creditMemo', b24Entity: 'deal', action: 'create', b24Id: null });
    expect(byId.get(sr)?.fields).toContainEqual({ field: 'STAGE_ID', before: null, after: 'WON' });
    expect(byId.get(memo)?.fields).toContainEqual({ field: 'STAGE_ID', before: null, after: 'APOLOGY' });
    expect(byId.has(voided)).toBe(false);
    expect(body.toBitrix24.removals).toContainEqual({ qbEntity: 'salesReceipt', qbIds: [voided], policy: 'mark' });

    // What the worker then does matches the preview.
    await drainWorker(y.t);
    expect(s(dealOf(y, sr)?.['STAGE_ID'])).toBe('WON');
    expect(s(dealOf(y, memo)?.['STAGE_ID'])).toBe('APOLOGY');
    expect(s(y.portal.get('deal', Number(voidedDeal?.['ID']))?.['STAGE_ID'])).toBe('LOSE');
  });
});
