// Pipelines and stages, user-field types, currencies and deal tax (bitrix24.md §5.5, §5.6, §5.12–§5.14).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { arr, call, obj, result } from './test-helpers.js';

let portal: Bitrix24Portal;
beforeEach(async () => {
  portal = await startBitrix24Portal({ clock: new ManualClock(Date.parse('2026-02-01T21:30:00Z')), timeZone: '+03:00' });
});
afterEach(async () => {
  await portal.close();
});

const rest = (method: string, params: Record<string, unknown> = {}): ReturnType<typeof call> => call(portal.webhookUrl, method, params);
const deal = async (id: unknown): Promise<Record<string, unknown>> => obj(result(await rest('crm.deal.get', { id })));

describe('pipelines and stages (§5.5, §5.12)', () => {
  it('a funnel made from a test is listed by crm.category.list and has its own DEAL_STAGE_n directory with C{n}: codes', async () => {
    const cat = portal.addDealCategory('Wholesale');
    const cats = obj(result(await rest('crm.category.list', { entityTypeId: 2 })))['categories'];
    expect(arr(cats).map((c) => obj(c)['id'])).toContain(cat);
    const stages = arr(result(await rest('crm.status.list', { filter: { ENTITY_ID: `DEAL_STAGE_${cat}` } }))).map((r) => obj(r));
    expect(stages.map((s) => s['STATUS_ID'])).toEqual([
      `C${cat}:NEW`,
      `C${cat}:PREPARATION`,
      `C${cat}:PREPAYMENT_INVOICE`,
      `C${cat}:EXECUTING`,
      `C${cat}:FINAL_INVOICE`,
      `C${cat}:WON`,
      `C${cat}:LOSE`,
      `C${cat}:APOLOGY`,
    ]);
    expect(stages.find((s) => s['STATUS_ID'] === `C${cat}:WON`)).toMatchObject({ SEMANTICS: 'S', CATEGORY_ID: String(cat) });
  });

  it('crm.status.entity.types names each funnel directory with its PREFIX and start / success / failure stages', async () => {
    const cat = portal.addDealCategory('Projects');
    const types = arr(result(await rest('crm.status.entity.types'))).map((t) => obj(t));
    expect(types.find((t) => t['ID'] === 'DEAL_STAGE')).toMatchObject({
      ENTITY_TYPE_ID: 2,
      SEMANTIC_INFO: { START_FIELD: 'NEW', FINAL_SUCCESS_FIELD: 'WON', FINAL_UNSUCCESS_FIELD: 'LOSE' },
    });
    expect(types.find((t) => t['ID'] === `DEAL_STAGE_${cat}`)).toMatchObject({
      PREFIX: `C${cat}`,
      CATEGORY_ID: cat,
      SEMANTIC_INFO: { START_FIELD: `C${cat}:NEW`, FINAL_SUCCESS_FIELD: `C${cat}:WON`, FINAL_UNSUCCESS_FIELD: `C${cat}:LOSE` },
    });
    expect(types.some((t) => t['ID'] === 'CONTACT_TYPE')).toBe(true);
  });

  it('crm.deal.update with a stage of another funnel changes nothing and still answers true', async () => {
    const cat = portal.addDealCategory('Wholesale');
    const id = result(await rest('crm.deal.add', { fields: { TITLE: 'A', CATEGORY_ID: cat, STAGE_ID: `C${cat}:EXECUTING` } }));
    expect(await deal(id)).toMatchObject({ CATEGORY_ID: String(cat), STAGE_ID: `C${cat}:EXECUTING` });
    expect(result(await rest('crm.deal.update', { id, fields: { STAGE_ID: 'WON' } }))).toBe(true);
    expect(await deal(id)).toMatchObject({ STAGE_ID: `C${cat}:EXECUTING`, STAGE_SEMANTIC_ID: 'P' });
  });

  it('crm.deal.add with a foreign stage lands on the first stage by default, and is refused under the reject variant', async () => {
    const cat = portal.addDealCategory('Wholesale');
    const id = result(await rest('crm.deal.add', { fields: { TITLE: 'A', CATEGORY_ID: cat, STAGE_ID: 'WON' } }));
    expect(await deal(id)).toMatchObject({ STAGE_ID: `C${cat}:NEW` });
    portal.variants = { ...portal.variants, dealAddForeignStage: 'reject' };
    const refused = await rest('crm.deal.add', { fields: { TITLE: 'B', CATEGORY_ID: cat, STAGE_ID: 'WON' } });
    expect([refused.status, refused.json]).toEqual([400, { error: '', error_description: 'Invalid value for the "Stage" field' }]);
    expect(portal.list('deal')).toHaveLength(1);
  });
});

describe('user fields (§5.13)', () => {
  it('values of each type are stored and read back in the legacy formats; unknown UF keys are dropped silently', async () => {
    const types = ['string', 'integer', 'double', 'boolean', 'date', 'datetime', 'money'];
    for (const t of types) await rest('crm.deal.userfield.add', { fields: { FIELD_NAME: `F_${t.toUpperCase()}`, USER_TYPE_ID: t } });
    const id = result(
      await rest('crm.deal.add', {
        fields: {
          TITLE: 'UF',
          UF_CRM_F_STRING: 'North',
          UF_CRM_F_INTEGER: 42,
          UF_CRM_F_DOUBLE: 9999.9,
          UF_CRM_F_BOOLEAN: 'Y',
          UF_CRM_F_DATE: '2026-03-01',
          UF_CRM_F_DATETIME: '2026-03-01T10:00:00+03:00',
          UF_CRM_F_MONEY: '300|USD',
          UF_CRM_NOT_DEFINED: 'x',
        },
      }),
    );
    const d = await deal(id);
    expect(d).toMatchObject({
      UF_CRM_F_STRING: 'North',
      UF_CRM_F_INTEGER: '42',
      UF_CRM_F_DOUBLE: '9999.9',
      UF_CRM_F_BOOLEAN: 'Y',
      UF_CRM_F_DATE: '2026-03-01T00:00:00+03:00',
      UF_CRM_F_DATETIME: '2026-03-01T10:00:00+03:00',
      UF_CRM_F_MONEY: '300|USD',
    });
    expect(d).not.toHaveProperty('UF_CRM_NOT_DEFINED');
  });

  it('an enumeration lists its options (empty VALUE dropped), stores option IDs, and takes the DEF option on add', async () => {
    await rest('crm.contact.userfield.add', {
      fields: { FIELD_NAME: 'REGION', USER_TYPE_ID: 'enumeration', LIST: [{ VALUE: 'North' }, { VALUE: '' }, { VALUE: 'South', DEF: 'Y' }] },
    });
    const uf = obj(arr(result(await rest('crm.contact.userfield.list')))[0]);
    const list = arr(uf['LIST']).map((o) => obj(o));
    expect(list.map((o) => [o['VALUE'], o['DEF']])).toEqual([
      ['North', 'N'],
      ['South', 'Y'],
    ]);
    const north = String(list[0]?.['ID']);
    const a = result(await rest('crm.contact.add', { fields: { NAME: 'A' } }));
    expect(obj(result(await rest('crm.contact.get', { id: a })))['UF_CRM_REGION']).toBe(String(list[1]?.['ID']));
    const b = result(await rest('crm.contact.add', { fields: { NAME: 'B', UF_CRM_REGION: Number(north) } }));
    expect(obj(result(await rest('crm.contact.get', { id: b })))['UF_CRM_REGION']).toBe(north);
    const described = obj(obj(result(await rest('crm.contact.fields')))['UF_CRM_REGION']);
    expect(described).toMatchObject({
      type: 'enumeration',
      isDynamic: true,
      items: [{ ID: north, VALUE: 'North' }, expect.objectContaining({ VALUE: 'South' })],
    });
  });

  it('boolean UFs read as Y/N by default and as 1/0 under the legacyBooleanUf variant; boolean cannot be MULTIPLE', async () => {
    await rest('crm.company.userfield.add', { fields: { FIELD_NAME: 'PAID', USER_TYPE_ID: 'boolean', MULTIPLE: 'Y' } });
    expect(obj(arr(result(await rest('crm.company.userfield.list')))[0])['MULTIPLE']).toBe('N');
    portal.variants = { ...portal.variants, legacyBooleanUf: '10' };
    const id = result(await rest('crm.company.add', { fields: { TITLE: 'Acme', UF_CRM_PAID: 'Y' } }));
    expect(obj(result(await rest('crm.company.get', { id })))['UF_CRM_PAID']).toBe('1');
  });
});

describe('currencies and deal tax (§5.6, §5.14)', () => {
  it('crm.currency.list and crm.currency.base.get describe the portal currencies; a test can add one', async () => {
    portal.addCurrency({ currency: 'CHF', amount: '1.1200' });
    const rows = arr(result(await rest('crm.currency.list'))).map((r) => obj(r));
    expect(rows.find((r) => r['CURRENCY'] === 'USD')).toMatchObject({ BASE: 'Y', AMOUNT: '1.0000', AMOUNT_CNT: '1' });
    expect(rows.map((r) => r['CURRENCY'])).toContain('CHF');
    expect(result(await rest('crm.currency.base.get'))).toBe('USD');
    expect(result(await rest('crm.deal.add', { fields: { TITLE: 'Swiss', CURRENCY_ID: 'CHF' } }))).toEqual(expect.any(Number));
  });

  it('a deal with an unknown CURRENCY_ID is refused with the documented 400, on add and on update', async () => {
    const add = await rest('crm.deal.add', { fields: { TITLE: 'X', CURRENCY_ID: 'XYZ' } });
    expect([add.status, add.json]).toEqual([400, { error: '', error_description: 'Invalid value for the "Currency" field' }]);
    const id = result(await rest('crm.deal.add', { fields: { TITLE: 'Y' } }));
    expect((await rest('crm.deal.update', { id, fields: { CURRENCY_ID: 'XYZ' } })).status).toBe(400);
    expect(await deal(id)).toMatchObject({ CURRENCY_ID: 'USD' });
  });

  it('product rows with TAX_RATE set TAX_VALUE; OPPORTUNITY follows the rows, with excluded tax only under the variant', async () => {
    const id = result(await rest('crm.deal.add', { fields: { TITLE: 'Tax' } }));
    const rows = [
      { PRODUCT_NAME: 'Service', PRICE: 100, QUANTITY: 1, TAX_RATE: 0, TAX_INCLUDED: 'N' },
      { PRODUCT_NAME: 'Gadget', PRICE: 19.99, QUANTITY: 3, TAX_RATE: 8.875, TAX_INCLUDED: 'N' },
    ];
    await rest('crm.deal.productrows.set', { id, rows });
    expect(await deal(id)).toMatchObject({ OPPORTUNITY: '159.97', TAX_VALUE: '5.32' });
    portal.variants = { ...portal.variants, opportunityAddsExcludedTax: true };
    await rest('crm.deal.productrows.set', { id, rows });
    expect(await deal(id)).toMatchObject({ OPPORTUNITY: '165.29', TAX_VALUE: '5.32' });
  });

  it('with IS_MANUAL_OPPORTUNITY=Y the rows change neither OPPORTUNITY nor TAX_VALUE', async () => {
    const id = result(await rest('crm.deal.add', { fields: { TITLE: 'Manual', OPPORTUNITY: 500, TAX_VALUE: 10, IS_MANUAL_OPPORTUNITY: 'Y' } }));
    await rest('crm.deal.productrows.set', { id, rows: [{ PRODUCT_NAME: 'x', PRICE: 1, QUANTITY: 1, TAX_RATE: 10, TAX_INCLUDED: 'Y' }] });
    expect(await deal(id)).toMatchObject({ OPPORTUNITY: '500.00', TAX_VALUE: '10.00' });
  });
});

describe('deal payments (crm.item.payment.*, §5.15)', () => {
  it('a payment added to a deal is listed unpaid, pay marks it paid with a date, and the deal itself does not change', async () => {
    const dealId = result(await rest('crm.deal.add', { fields: { TITLE: 'Paid?', OPPORTUNITY: 100 } }));
    const before = await deal(dealId);
    const id = result(await rest('crm.item.payment.add', { entityTypeId: 2, entityId: dealId }));
    expect(arr(result(await rest('crm.item.payment.list', { entityTypeId: 2, entityId: dealId })))).toEqual([
      expect.objectContaining({ id, accountNumber: `${String(dealId)}/1`, paid: 'N', currency: 'USD' }),
    ]);
    expect(result(await rest('crm.item.payment.pay', { id }))).toBe(true);
    expect(obj(arr(result(await rest('crm.item.payment.list', { entityTypeId: 2, entityId: dealId })))[0])).toMatchObject({
      paid: 'Y',
      datePaid: expect.any(String),
    });
    expect(await deal(dealId)).toMatchObject({ STAGE_ID: before['STAGE_ID'], OPPORTUNITY: before['OPPORTUNITY'] });
  });

  it('errors carry numeric codes: 100 without id, 0 for an unknown payment; other entity types list nothing', async () => {
    const noId = await rest('crm.item.payment.pay', {});
    expect([noId.status, noId.json]).toEqual([400, { error: 100, error_description: 'Parameter id not specified' }]);
    const unknown = await rest('crm.item.payment.unpay', { id: 999 });
    expect([unknown.status, unknown.json]).toEqual([400, { error: 0, error_description: 'Payment not found or access denied' }]);
    expect(result(await rest('crm.item.payment.list', { entityTypeId: 3, entityId: 1 }))).toEqual([]);
  });
});
