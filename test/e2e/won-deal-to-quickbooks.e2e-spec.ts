import { type MappingRules } from '@qb-b24/sync-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { B24PollerService } from '../../apps/connector/src/sync/b24-poller.service.js';
import { s, type Rec } from '../support/record-values.js';
import { startImportedHarness, type Harness } from '../support/sync-harness.js';
import { TEST_ADMIN_TOKEN } from '../support/test-app.js';
import { TXN_FIELD, enabled, rest, dealForLinkedCompany, withOneSalesOrder, addTxnField, ordersFor } from '../support/won-deal-fixtures.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a won deal → QuickBooks', () => {
  it('becomes exactly one sales order with its rows as lines, and the TxnID lands in the deal field', async () => {
    h = await startImportedHarness({
      qb: withOneSalesOrder(),
      values: new Map([[MAPPING_RULES, enabled]]),
      preparePortal: async (portal) => {
        const res = await fetch(`${portal.webhookUrl}crm.deal.userfield.add`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ fields: { FIELD_NAME: 'QB_TXN', USER_TYPE_ID: 'string' } }),
        });
        expect(res.status).toBe(200);
      },
    });
    const { dealId, customer, item } = await dealForLinkedCompany(h);
    h.portal.ui.update('deal', dealId, { STAGE_ID: 'WON' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const orders = ordersFor(h, dealId);
    expect(orders).toHaveLength(1);
    const order = orders[0] as Rec;
    expect(s((order['CustomerRef'] as Rec)['ListID'])).toBe(customer);
    const line = (Array.isArray(order['SalesOrderLineRet']) ? order['SalesOrderLineRet'][0] : order['SalesOrderLineRet']) as Rec;
    expect([s((line['ItemRef'] as Rec)['ListID']), s(line['Quantity']), s(line['Amount'])]).toEqual([item, '3', '360.00']);

    // The order read back from QuickBooks writes its TxnID into the same deal; that write goes nowhere.
    h.qb.advance(3600_000);
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const deal = h.portal.get('deal', dealId) as Rec;
    expect(s(deal[TXN_FIELD])).toBe(s(order['TxnID']));
    expect(s(deal['STAGE_ID'])).toBe('WON');
    expect(s(deal['TITLE'])).toBe('Big order');
    expect(ordersFor(h, dealId)).toHaveLength(1);
    expect(h.portal.list('deal').filter((d) => s(d['ORIGIN_ID']) === s(order['TxnID']))).toHaveLength(0);
  });

  it("an add whose answer was lost is looked up by the deal's RefNumber and never sent twice", async () => {
    const qb = withOneSalesOrder();
    let armed = true;
    // QuickBooks applies the SalesOrderAdd, but the Web Connector reports a failure instead of its answer.
    const lossy = new Proxy(qb, {
      get(target, prop) {
        if (prop === 'processRequest')
          return async (rq: string) => {
            const result = await target.processRequest(rq);
            if (armed && rq.includes('<SalesOrderAddRq')) {
              armed = false;
              return { ok: false, hresult: '0x80040408', message: 'Could not start QuickBooks.' };
            }
            return result;
          };
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    h = await startImportedHarness({ qb: lossy, values: new Map([[MAPPING_RULES, enabled]]), preparePortal: addTxnField });
    const { dealId } = await dealForLinkedCompany(h);
    h.portal.ui.update('deal', dealId, { STAGE_ID: 'WON' });
    await h.portal.idle();
    await h.session();
    expect(armed, 'the add reached QuickBooks and its answer was lost').toBe(false);
    expect(ordersFor(h, dealId)).toHaveLength(1);
    for (let i = 0; i < 2; i += 1) {
      h.qb.advance(3600_000);
      await h.portal.idle();
      expect((await h.session()).outcome).toBe('completed');
    }
    const orders = ordersFor(h, dealId);
    expect(orders).toHaveLength(1);
    const adds = h.qb.requestLog.filter((e) => e.request.includes('<SalesOrderAddRq'));
    const lookups = h.qb.requestLog.filter((e) => e.request.includes(`<RefNumber>B24-${dealId}</RefNumber>`) && e.request.includes('<SalesOrderQueryRq'));
    expect([adds.length, lookups.length]).toEqual([1, 1]);
    expect(s((h.portal.get('deal', dealId) as Rec)[TXN_FIELD])).toBe(s(orders[0]?.['TxnID']));
  });

  it('a later change updates the sales order while it is not invoiced; after it is invoiced the change is a conflict', async () => {
    h = await startImportedHarness({ qb: withOneSalesOrder(), values: new Map([[MAPPING_RULES, enabled]]), preparePortal: addTxnField });
    const { dealId } = await dealForLinkedCompany(h);
    const product = Number((h.portal.productRows(dealId)[0] as Rec)['PRODUCT_ID']);
    h.portal.ui.update('deal', dealId, { STAGE_ID: 'WON' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const txnId = s(ordersFor(h, dealId)[0]?.['TxnID']);
    const quantity = (): string => {
      const order = h?.qb.getRet(txnId) as Rec;
      const lines = order['SalesOrderLineRet'];
      return s(((Array.isArray(lines) ? lines[0] : lines) as Rec)['Quantity']);
    };
    const changeRows = async (qty: number, title: string): Promise<void> => {
      if (!h) return;
      await rest(h, 'crm.deal.productrows.set', { id: dealId, rows: [{ PRODUCT_ID: product, PRICE: 120, QUANTITY: qty }] });
      h.portal.ui.update('deal', dealId, { TITLE: title });
      await h.portal.idle();
      h.qb.advance(3600_000);
      expect((await h.session()).outcome).toBe('completed');
    };

    await changeRows(5, 'Bigger order');
    expect(quantity()).toBe('5');
    expect(ordersFor(h, dealId)).toHaveLength(1);

    h.qb.advance(3600_000);
    h.qb.sales.invoiceFrom(txnId);
    expect((await h.session()).outcome).toBe('completed');
    await changeRows(7, 'Even bigger order');
    await changeRows(7, 'Even bigger order, again');
    expect(quantity()).toBe('5');
    const conflicts = await h.t.app.inject({ method: 'GET', url: '/admin/conflicts', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(conflicts.body).toContain(`${dealId}`);
    expect(conflicts.body).toContain('invoiced');
  });

  it('with "create": "invoice" becomes exactly one invoice, and the TxnID lands in the deal field with the title kept', async () => {
    const asInvoice: MappingRules = { ...enabled, toQuickBooks: { ...enabled.toQuickBooks, deals: { ...enabled.toQuickBooks.deals, create: 'invoice' } } };
    h = await startImportedHarness({ values: new Map([[MAPPING_RULES, asInvoice]]), preparePortal: addTxnField });
    const { dealId, customer } = await dealForLinkedCompany(h);
    h.portal.ui.update('deal', dealId, { STAGE_ID: 'WON' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const invoicesFor = (): Rec[] => (h?.qb.ids('Invoice') ?? []).map((id) => h?.qb.getRet(id) as Rec).filter((r) => s(r['RefNumber']) === `B24-${dealId}`);
    expect(invoicesFor()).toHaveLength(1);
    expect(s((invoicesFor()[0]?.['CustomerRef'] as Rec)['ListID'])).toBe(customer);
    for (let i = 0; i < 2; i += 1) {
      h.qb.advance(3600_000);
      await h.portal.idle();
      expect((await h.session()).outcome).toBe('completed');
    }
    const deal = h.portal.get('deal', dealId) as Rec;
    expect(s(deal[TXN_FIELD])).toBe(s(invoicesFor()[0]?.['TxnID']));
    expect([s(deal['TITLE']), s(deal['STAGE_ID'])]).toEqual(['Big order', 'WON']);
    expect(invoicesFor()).toHaveLength(1);
    expect(h.qb.ids('SalesOrder')).toHaveLength(0);
  });

  it('whose company is only in Bitrix24 (of a type not sent on its own) adds that company as one customer first, then one sales order for it', async () => {
    h = await startImportedHarness({ qb: withOneSalesOrder(), values: new Map([[MAPPING_RULES, enabled]]), preparePortal: addTxnField });
    const product = (await h.t.db.getRepository(IdMappingEntity).find()).find(
      (l) => l.qbEntity === 'item' && l.b24Entity === 'product' && (h?.qb.getRet(l.qbId) as Rec | undefined)?.['SalesOrPurchase'] !== undefined,
    );
    if (!product) throw new Error('the sample company has a linked product');
    // PARTNER is not in toQuickBooks.companyTypes (CUSTOMER): on its own, this company never goes to QuickBooks.
    const companyId = h.portal.ui.add('company', { TITLE: 'Lakeside Partners', COMPANY_TYPE: 'PARTNER' });
    const customersBefore = h.qb.ids('Customer').length;
    const dealId = h.portal.ui.add('deal', { TITLE: 'Partner order', COMPANY_ID: companyId, STAGE_ID: 'NEW' });
    await rest(h, 'crm.deal.productrows.set', { id: dealId, rows: [{ PRODUCT_ID: Number(product.b24Id), PRICE: 50, QUANTITY: 2 }] });
    h.portal.ui.update('deal', dealId, { STAGE_ID: 'WON' });
    await h.portal.idle();
    for (let i = 0; i < 3; i += 1) {
      // Past the outbox's backoff, so the deal's deferred row is due in the next session.
      h.t.clock.advance(3600_000);
      h.qb.advance(3600_000);
      await h.portal.idle();
      expect((await h.session()).outcome).toBe('completed');
    }
    const added = h.qb
      .ids('Customer')
      .map((id) => h?.qb.getRet(id) as Rec)
      .filter((c) => s(c['Name']).startsWith('Lakeside Partners'));
    expect(added).toHaveLength(1);
    expect(h.qb.ids('Customer')).toHaveLength(customersBefore + 1);
    const customerId = s(added[0]?.['ListID']);
    const orders = ordersFor(h, dealId);
    expect(orders).toHaveLength(1);
    expect(s((orders[0]?.['CustomerRef'] as Rec)['ListID'])).toBe(customerId);
    expect(s((h.portal.get('deal', dealId) as Rec)[TXN_FIELD])).toBe(s(orders[0]?.['TxnID']));
    const companyLink = (await h.t.db.getRepository(IdMappingEntity).find()).find((l) => l.b24Entity === 'company' && l.b24Id === String(companyId));
    expect([companyLink?.qbEntity, companyLink?.qbId]).toEqual(['customer', customerId]);

    // One Add each, and no Mod: the TxnID written back into the deal is our echo, customer included.
    const writes = (): string[] =>
      (h?.qb.requestLog ?? []).flatMap((e) => [...e.request.matchAll(/<((?:Customer|SalesOrder)(?:Add|Mod))Rq/g)].map((m) => m[1] ?? ''));
    expect(writes().sort()).toEqual(['CustomerAdd', 'SalesOrderAdd']);

    // A second run writes nothing more to QuickBooks.
    const before = writes().length;
    h.t.clock.advance(3600_000);
    h.qb.advance(3600_000);
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expect(writes()).toHaveLength(before);
    expect(ordersFor(h, dealId)).toHaveLength(1);
  });

  it('whose only contact is a supplier adds no customer and no sales order, and says why in last_errors', async () => {
    h = await startImportedHarness({ qb: withOneSalesOrder(), values: new Map([[MAPPING_RULES, enabled]]), preparePortal: addTxnField });
    const product = (await h.t.db.getRepository(IdMappingEntity).find()).find(
      (l) => l.qbEntity === 'item' && l.b24Entity === 'product' && (h?.qb.getRet(l.qbId) as Rec | undefined)?.['SalesOrPurchase'] !== undefined,
    );
    if (!product) throw new Error('the sample company has a linked product');
    const contactId = h.portal.ui.add('contact', { NAME: 'Sam', LAST_NAME: 'Supplier', TYPE_ID: 'SUPPLIER' });
    const customersBefore = h.qb.ids('Customer').length;
    const dealId = h.portal.ui.add('deal', { TITLE: 'Supplier order', CONTACT_ID: contactId, STAGE_ID: 'NEW' });
    await rest(h, 'crm.deal.productrows.set', { id: dealId, rows: [{ PRODUCT_ID: Number(product.b24Id), PRICE: 50, QUANTITY: 2 }] });
    h.portal.ui.update('deal', dealId, { STAGE_ID: 'WON' });
    await h.portal.idle();
    for (let i = 0; i < 2; i += 1) {
      h.t.clock.advance(3600_000);
      h.qb.advance(3600_000);
      expect((await h.session()).outcome).toBe('completed');
    }
    expect(h.qb.ids('Customer')).toHaveLength(customersBefore);
    expect(ordersFor(h, dealId)).toHaveLength(0);
    const errors = (await h.t.app.inject({ method: 'GET', url: '/status' })).json<Rec>()['last_errors'];
    expect(Array.isArray(errors) ? errors : []).toContainEqual(expect.objectContaining({ entity: 'deal', code: 'DEAL_NOT_READY' }));
    const detail = await h.t.app.inject({ method: 'GET', url: '/admin/errors', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(detail.body).toContain(`its contact ${contactId} cannot be added as its customer (supplier contacts are not customers)`);
  });

  it('is off by default: a won deal creates nothing in QuickBooks, and deals cost no Bitrix24 reads', async () => {
    h = await startImportedHarness();
    const { dealId } = await dealForLinkedCompany(h);
    const callsBefore = h.portal.calls.length;
    h.portal.ui.update('deal', dealId, { STAGE_ID: 'WON' });
    await h.portal.idle();
    await h.t.app.get(B24PollerService).pollOnce();
    expect((await h.session()).outcome).toBe('completed');
    expect(h.qb.ids('SalesOrder')).toHaveLength(0);
    expect(h.qb.ids('Invoice').map((id) => s((h?.qb.getRet(id) as Rec)['RefNumber']))).not.toContain(`B24-${dealId}`);
    // Switched off, deals are neither polled nor read for their events (the sync's call budget, issue 14).
    const dealReads = h.portal.calls
      .slice(callsBefore)
      .flatMap((c) => (c.method === 'batch' ? (c.batchMethods ?? []) : [c.method]))
      .filter((m) => m === 'crm.deal.list' || m === 'crm.deal.get');
    expect(dealReads).toEqual([]);
  });

  it('never sends a deal that came from QuickBooks', async () => {
    h = await startImportedHarness({
      values: new Map([[MAPPING_RULES, enabled]]),
      preparePortal: async (portal) => {
        await fetch(`${portal.webhookUrl}crm.deal.userfield.add`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ fields: { FIELD_NAME: 'QB_TXN', USER_TYPE_ID: 'string' } }),
        });
      },
    });
    const fromQb = h.portal.list('deal').find((d) => s(d['STAGE_ID']) !== 'WON');
    const orders = h.qb.ids('SalesOrder').length;
    const invoices = h.qb.ids('Invoice').length;
    h.portal.ui.update('deal', Number(fromQb?.['ID']), { STAGE_ID: 'WON' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expect([h.qb.ids('SalesOrder').length, h.qb.ids('Invoice').length]).toEqual([orders, invoices]);
  });
});
