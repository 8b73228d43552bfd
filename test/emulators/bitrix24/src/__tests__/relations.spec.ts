import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { arr, call, obj, result } from './test-helpers.js';

let portal: Bitrix24Portal;
beforeEach(async () => {
  portal = await startBitrix24Portal();
});
afterEach(async () => {
  await portal.close();
});

const rest = (method: string, params: Record<string, unknown> = {}): ReturnType<typeof call> => call(portal.webhookUrl, method, params);

describe('relations, deals, directories (bitrix24.md §5-§6, §10 items 24-28)', () => {
  it('item 24: contact↔company via COMPANY_ID, COMPANY_IDS and crm.contact.company.items.set/get (primary flag, SORT, int-typed)', async () => {
    const a = portal.ui.add('company', { TITLE: 'A' });
    const b = portal.ui.add('company', { TITLE: 'B' });
    const c = portal.ui.add('company', { TITLE: 'C' });
    const ct = result(await rest('crm.contact.add', { fields: { NAME: 'N', COMPANY_IDS: [a, b] } }));
    expect(portal.get('contact', 1)?.['COMPANY_ID']).toBe(String(a));
    expect(result(await rest('crm.contact.company.items.get', { id: ct }))).toEqual([
      { COMPANY_ID: a, SORT: 10, ROLE_ID: 0, IS_PRIMARY: 'Y' },
      { COMPANY_ID: b, SORT: 20, ROLE_ID: 0, IS_PRIMARY: 'N' },
    ]);
    expect(
      result(
        await rest('crm.contact.company.items.set', {
          id: ct,
          items: [
            { COMPANY_ID: c, SORT: 5 },
            { COMPANY_ID: b, IS_PRIMARY: 'Y', SORT: 50 },
          ],
        }),
      ),
    ).toBe(true);
    expect(portal.get('contact', 1)?.['COMPANY_ID']).toBe(String(b));
    expect(arr(result(await rest('crm.contact.company.items.get', { id: ct }))).map((x) => obj(x)['COMPANY_ID'])).toEqual([c, b]);
    await rest('crm.company.delete', { id: b });
    expect(portal.get('contact', 1)?.['COMPANY_ID']).toBe(String(c));
    const viaCompany = portal.ui.add('contact', { NAME: 'M' });
    await rest('crm.company.update', { id: a, fields: { CONTACT_ID: [viaCompany] } });
    expect(portal.get('contact', viaCompany)?.['COMPANY_ID']).toBe(String(a));
    expect(arr(result(await rest('crm.contact.list', { filter: { COMPANY_ID: a } }))).map((x) => obj(x)['ID'])).toEqual([String(viaCompany)]);
  });

  it('item 25: CATEGORY_ID is immutable via crm.deal.update; funnel stages carry C{n}: prefixes; STAGE_SEMANTIC_ID P/S/F', async () => {
    const cat = portal.addDealCategory('Wholesale');
    const id = Number(result(await rest('crm.deal.add', { fields: { TITLE: 'W', CATEGORY_ID: cat } })));
    expect(portal.get('deal', id)).toMatchObject({ CATEGORY_ID: String(cat), STAGE_ID: `C${cat}:NEW`, STAGE_SEMANTIC_ID: 'P' });
    await rest('crm.deal.update', { id, fields: { CATEGORY_ID: 0, STAGE_ID: `C${cat}:WON` } });
    expect(portal.get('deal', id)).toMatchObject({ CATEGORY_ID: String(cat), STAGE_ID: `C${cat}:WON`, STAGE_SEMANTIC_ID: 'S', CLOSED: 'Y' });
    const d0 = Number(result(await rest('crm.deal.add', { fields: { STAGE_ID: 'LOSE' } })));
    expect(portal.get('deal', d0)).toMatchObject({ STAGE_SEMANTIC_ID: 'F' });
  });

  it('item 26: crm.status.list is seeded (DEAL_STAGE NEW…APOLOGY, SOURCE, types, HONORIFIC) and crm.category.list has General', async () => {
    const r = obj((await rest('crm.status.list', { order: { SORT: 'ASC' }, filter: { ENTITY_ID: 'DEAL_STAGE' } })).json);
    const stages = arr(r['result']).map(obj);
    expect(stages.map((s) => s['STATUS_ID'])).toEqual(['NEW', 'PREPARATION', 'PREPAYMENT_INVOICE', 'EXECUTING', 'FINAL_INVOICE', 'WON', 'LOSE', 'APOLOGY']);
    expect(r['total']).toBe(8);
    expect(stages[0]).toMatchObject({ ENTITY_ID: 'DEAL_STAGE', SORT: '10', SYSTEM: 'Y', CATEGORY_ID: null, EXTRA: { SEMANTICS: 'process' } });
    expect(stages[5]).toMatchObject({ SEMANTICS: 'S' });
    for (const dir of ['SOURCE', 'CONTACT_TYPE', 'COMPANY_TYPE', 'DEAL_TYPE', 'HONORIFIC']) {
      expect(arr(result(await rest('crm.status.list', { filter: { ENTITY_ID: dir } }))).length, dir).toBeGreaterThan(0);
    }
    const cats = obj(result(await rest('crm.category.list', { entityTypeId: 2 })));
    expect(cats['categories']).toEqual([{ id: 0, name: 'General', sort: 300, entityTypeId: 2, isDefault: 'Y', originId: '', originatorId: '' }]);
  });

  it('item 27: productrows.set replaces all rows, validates discounts, get returns mixed types, OPPORTUNITY recomputed', async () => {
    const prod = portal.ui.add('product', { NAME: 'Widget', PRICE: 10 });
    const deal = Number(result(await rest('crm.deal.add', { fields: { TITLE: 'D' } })));
    await rest('crm.deal.productrows.set', {
      id: deal,
      rows: [
        { PRODUCT_ID: prod, PRICE: 10, QUANTITY: 3 },
        { PRODUCT_NAME: 'Service', PRICE: 99.99, QUANTITY: 1 },
      ],
    });
    let rows = arr(result(await rest('crm.deal.productrows.get', { id: deal }))).map(obj);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      OWNER_ID: String(deal),
      OWNER_TYPE: 'D',
      PRODUCT_ID: prod,
      PRODUCT_NAME: 'Widget',
      PRICE: 10,
      QUANTITY: 3,
      PRICE_ACCOUNT: '10.00',
    });
    expect(typeof rows[0]?.['ID']).toBe('string');
    expect(portal.get('deal', deal)?.['OPPORTUNITY']).toBe('129.99');
    await rest('crm.deal.productrows.set', { id: deal, rows: [{ PRODUCT_NAME: 'Only', PRICE: 5 }] });
    rows = arr(result(await rest('crm.deal.productrows.get', { id: deal }))).map(obj);
    expect(rows.map((r) => r['PRODUCT_NAME'])).toEqual(['Only']);
    expect(portal.productRows(deal)).toHaveLength(1);
    const bad = await rest('crm.deal.productrows.set', { id: deal, rows: [{ PRICE: 5, DISCOUNT_TYPE_ID: 1 }] });
    expect(bad.status).toBe(400);
    expect(obj(bad.json)['error']).toBe('ERROR_CORE');
    expect(String(obj(bad.json)['error_description'])).toMatch(/<br>$/);
    expect(portal.productRows(deal)).toHaveLength(1);
    await rest('crm.deal.productrows.set', { id: deal, rows: [] });
    expect(portal.get('deal', deal)?.['OPPORTUNITY']).toBe('0.00');
  });

  it('item 28: crm.duplicate.findbycomm returns int IDs by type, ignores phone formatting/extension, [] when none, ≤ 20 values', async () => {
    portal.ui.add('contact', { NAME: 'A', PHONE: [{ VALUE: '+1 (555) 010-2000' }], EMAIL: [{ VALUE: 'Ann@Example.com' }] });
    portal.ui.add('company', { TITLE: 'B', PHONE: [{ VALUE: '15550102000 ext. 12' }] });
    expect(result(await rest('crm.duplicate.findbycomm', { type: 'PHONE', values: ['+15550102000'] }))).toEqual({ CONTACT: [1], COMPANY: [1] });
    expect(result(await rest('crm.duplicate.findbycomm', { type: 'EMAIL', values: ['ann@example.com'], entity_type: 'CONTACT' }))).toEqual({ CONTACT: [1] });
    expect(result(await rest('crm.duplicate.findbycomm', { type: 'EMAIL', values: ['x@y.z'] }))).toEqual([]);
    const noType = await rest('crm.duplicate.findbycomm', { values: ['x'] });
    expect(noType.json).toEqual({ error: 'Communication type is not defined', error_description: "Parameter 'type' is required." });
    expect((await rest('crm.duplicate.findbycomm', { type: 'EMAIL', values: Array.from({ length: 21 }, (_, i) => `${i}@x.io`) })).status).toBe(400);
  });
});
