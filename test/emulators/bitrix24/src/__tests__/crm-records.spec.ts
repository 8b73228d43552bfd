import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { arr, call, obj, result } from './test-helpers.js';

let portal: Bitrix24Portal;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.parse('2026-02-01T21:30:00Z'));
  portal = await startBitrix24Portal({ clock, userId: 7, timeZone: '+03:00' });
});
afterEach(async () => {
  await portal.close();
});

const rest = (method: string, params: Record<string, unknown> = {}): ReturnType<typeof call> => call(portal.webhookUrl, method, params);

describe('legacy CRM records (bitrix24.md §5-§8)', () => {
  it('item 15: legacy errors are HTTP 400 with an empty error code and the documented texts', async () => {
    const cases: Array<[string, Record<string, unknown>, string, string]> = [
      ['crm.contact.get', {}, '', 'ID is not defined or invalid.'],
      ['crm.contact.get', { id: 'abc' }, '', 'ID is not defined or invalid.'],
      ['crm.contact.get', { id: 5 }, '', 'Not found'],
      ['crm.contact.update', { id: 5, fields: { NAME: 'x' } }, '', 'Contact is not found'],
      ['crm.company.update', { id: 5, fields: { TITLE: 'x' } }, '', 'Company is not found'],
      ['crm.deal.update', { id: 5, fields: { TITLE: 'x' } }, '', 'Not found'],
      ['crm.contact.add', { fields: 'nope' }, '', "Parameter 'fields' must be array."],
      ['crm.contact.list', { filter: 'nope' }, '', "Parameter 'filter' must be array."],
      ['crm.contact.delete', { id: 5 }, 'ERROR_CORE', 'Element not found'],
      ['crm.company.delete', { id: 5 }, '', 'Company is not found'],
      ['crm.deal.delete', { id: 5 }, '', 'Not found'],
    ];
    for (const [method, params, error, description] of cases) {
      const r = await rest(method, params);
      expect([method, r.status, r.json]).toEqual([method, 400, { error, error_description: description }]);
    }
  });

  it('item 17: legacy outputs stringify numbers and IDs, money has 2 decimals, unset fields are null', async () => {
    const id = result(await rest('crm.deal.add', { fields: { TITLE: 'Big', OPPORTUNITY: 1000000, PROBABILITY: 99, COMPANY_ID: 0 } }));
    expect(id).toBe(1);
    const deal = obj(result(await rest('crm.deal.get', { id })));
    expect(deal).toMatchObject({ ID: '1', OPPORTUNITY: '1000000.00', TAX_VALUE: '0.00', PROBABILITY: '99', CATEGORY_ID: '0', COMPANY_ID: null, LEAD_ID: null });
    const product = obj(result(await rest('crm.product.get', { id: result(await rest('crm.product.add', { fields: { NAME: 'Widget', PRICE: 12.5 } })) })));
    expect(product).toMatchObject({ ID: '1', NAME: 'Widget', PRICE: '12.50', CURRENCY_ID: 'USD', ACTIVE: 'Y' });
  });

  it('item 18: dates render in portal tz; date-only fields as midnight datetimes; ISO, YYYY-MM-DD and DD.MM.YYYY inputs', async () => {
    const id = Number(result(await rest('crm.contact.add', { fields: { NAME: 'A', BIRTHDATE: '11.11.1999' } })));
    let c = obj(result(await rest('crm.contact.get', { id })));
    expect(c['BIRTHDATE']).toBe('1999-11-11T00:00:00+03:00');
    // 21:30Z is already the next day in +03:00.
    expect(c['DATE_CREATE']).toBe('2026-02-02T00:30:00+03:00');
    await rest('crm.contact.update', { id, fields: { BIRTHDATE: '2001-05-06' } });
    c = obj(result(await rest('crm.contact.get', { id })));
    expect(c['BIRTHDATE']).toBe('2001-05-06T00:00:00+03:00');
    await rest('crm.contact.update', { id, fields: { BIRTHDATE: '2001-05-07T23:30:00Z' } });
    expect(obj(result(await rest('crm.contact.get', { id })))['BIRTHDATE']).toBe('2001-05-08T00:00:00+03:00');
  });

  it('item 19: add returns an integer ID, update and delete return true', async () => {
    const add = obj((await rest('crm.company.add', { fields: { TITLE: 'Acme' } })).json);
    expect(add['result']).toBe(1);
    expect(obj((await rest('crm.company.update', { id: 1, fields: { TITLE: 'Acme 2' } })).json)['result']).toBe(true);
    expect(obj((await rest('crm.company.delete', { id: 1 })).json)['result']).toBe(true);
    expect((await rest('crm.company.get', { id: 1 })).status).toBe(400);
  });

  it('item 20: unknown and read-only keys are ignored; an invalid e-mail fails with ERROR_CORE', async () => {
    const id = result(await rest('crm.contact.add', { fields: { NAME: 'A', NO_SUCH_FIELD: 'x', DATE_CREATE: '2000-01-01', ID: 99 } }));
    const c = obj(result(await rest('crm.contact.get', { id })));
    expect(c['ID']).toBe('1');
    expect(c).not.toHaveProperty('NO_SUCH_FIELD');
    expect(c['DATE_CREATE']).toBe('2026-02-02T00:30:00+03:00');
    const bad = await rest('crm.contact.add', { fields: { NAME: 'B', EMAIL: [{ VALUE: 'not-an-email', VALUE_TYPE: 'WORK' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error: 'ERROR_CORE', error_description: 'The field "Work e-mail" contains an invalid address' });
    expect(portal.list('contact')).toHaveLength(1);
  });

  it('item 21: auto fields — dates, webhook user, OPENED/EXPORT, deal title, begin/close dates and first statuses', async () => {
    const cid = result(await rest('crm.contact.add', { fields: { NAME: 'A' } }));
    expect(obj(result(await rest('crm.contact.get', { id: cid })))).toMatchObject({
      CREATED_BY_ID: '7',
      MODIFY_BY_ID: '7',
      ASSIGNED_BY_ID: '7',
      OPENED: 'Y',
      EXPORT: 'Y',
      TYPE_ID: 'CLIENT',
      SOURCE_ID: 'CALL',
      DATE_CREATE: '2026-02-02T00:30:00+03:00',
      DATE_MODIFY: '2026-02-02T00:30:00+03:00',
    });
    clock.advance(60_000);
    await rest('crm.contact.update', { id: cid, fields: { NAME: 'B' } });
    expect(obj(result(await rest('crm.contact.get', { id: cid })))['DATE_MODIFY']).toBe('2026-02-02T00:31:00+03:00');
    const did = result(await rest('crm.deal.add', { fields: {} }));
    expect(obj(result(await rest('crm.deal.get', { id: did })))).toMatchObject({
      TITLE: 'Deal #1',
      STAGE_ID: 'NEW',
      STAGE_SEMANTIC_ID: 'P',
      TYPE_ID: 'SALE',
      CATEGORY_ID: '0',
      BEGINDATE: '2026-02-02T00:00:00+03:00',
      CLOSEDATE: '2026-02-09T00:00:00+03:00',
      IS_MANUAL_OPPORTUNITY: 'N',
    });
  });

  it('item 22: multifield patch — append without ID, replace with ID+VALUE, delete three ways, untouched kept, HAS_PHONE recomputed', async () => {
    const id = result(
      await rest('crm.contact.add', {
        fields: { NAME: 'M', PHONE: [{ VALUE: '1', VALUE_TYPE: 'WORK' }, { VALUE: '2' }, { VALUE: '3' }, { VALUE: '4' }, { VALUE: '5' }] },
      }),
    );
    const phones = (): Array<Record<string, unknown>> => arr(portal.get('contact', 1)?.['PHONE'] ?? []).map(obj);
    const [p1, p2, p3, p4] = phones().map((p) => p['ID']);
    await rest('crm.contact.update', { id, fields: { PHONE: [{ VALUE: '6', VALUE_TYPE: 'MOBILE' }] } });
    expect(phones().map((p) => p['VALUE'])).toEqual(['1', '2', '3', '4', '5', '6']);
    await rest('crm.contact.update', {
      id,
      fields: { PHONE: [{ ID: p1, VALUE: '111', VALUE_TYPE: 'HOME' }, { ID: p2, DELETE: 'Y' }, { ID: p3, VALUE: '' }, { ID: p4 }] },
    });
    const after = phones();
    expect(after.map((p) => [p['VALUE'], p['VALUE_TYPE']])).toEqual([
      ['111', 'HOME'],
      ['5', 'WORK'],
      ['6', 'MOBILE'],
    ]);
    expect(after[0]?.['ID']).toBe(p1);
    expect(new Set(after.map((p) => p['ID'])).size).toBe(3);
    expect(portal.get('contact', 1)?.['HAS_PHONE']).toBe('Y');
    await rest('crm.contact.update', { id, fields: { PHONE: after.map((p) => ({ ID: p['ID'], DELETE: 'Y' })) } });
    expect(portal.get('contact', 1)?.['HAS_PHONE']).toBe('N');
  });

  it('item 23: multifield keys are omitted from get when empty and carry TYPE_ID from their key', async () => {
    const id = result(await rest('crm.company.add', { fields: { TITLE: 'X', EMAIL: [{ VALUE: 'a@b.co', VALUE_TYPE: 'WORK' }] } }));
    const co = obj(result(await rest('crm.company.get', { id })));
    expect(co).not.toHaveProperty('PHONE');
    expect(co['EMAIL']).toEqual([{ ID: expect.any(String), VALUE_TYPE: 'WORK', VALUE: 'a@b.co', TYPE_ID: 'EMAIL' }]);
  });

  it('item 29: crm.X.fields returns descriptors including statusType and user fields', async () => {
    await rest('crm.deal.userfield.add', { fields: { FIELD_NAME: 'QB_TXN', USER_TYPE_ID: 'string' } });
    const f = obj(result(await rest('crm.deal.fields')));
    expect(f['CATEGORY_ID']).toMatchObject({ type: 'crm_category', isImmutable: true, isReadOnly: false });
    expect(f['STAGE_ID']).toMatchObject({ type: 'crm_status', statusType: 'DEAL_STAGE' });
    expect(f['ID']).toMatchObject({ type: 'integer', isReadOnly: true, isRequired: false, isMultiple: false, isDynamic: false, title: 'ID' });
    expect(f['UF_CRM_QB_TXN']).toMatchObject({ type: 'string', isDynamic: true });
    expect(obj(result(await rest('crm.contact.fields')))['PHONE']).toMatchObject({ type: 'crm_multifield', isMultiple: true });
  });

  it('item 30: userfield.add normalises FIELD_NAME to UF_CRM_…, enforces ≤ 50 chars, and the field appears in get/list', async () => {
    expect(result(await rest('crm.contact.userfield.add', { fields: { FIELD_NAME: 'MANAGER_NOTE', USER_TYPE_ID: 'string' } }))).toEqual(expect.any(Number));
    await rest('crm.company.userfield.add', { fields: { FIELD_NAME: 'UF_QB_ID', USER_TYPE_ID: 'string' } });
    const tooLong = await rest('crm.contact.userfield.add', { fields: { FIELD_NAME: 'X'.repeat(44), USER_TYPE_ID: 'string' } });
    expect(tooLong.status).toBe(400);
    const list = arr(result(await rest('crm.contact.userfield.list')));
    expect(list.map((u) => obj(u)['FIELD_NAME'])).toEqual(['UF_CRM_MANAGER_NOTE']);
    expect(arr(result(await rest('crm.company.userfield.list'))).map((u) => obj(u)['FIELD_NAME'])).toEqual(['UF_CRM_QB_ID']);
    const id = result(await rest('crm.contact.add', { fields: { NAME: 'A', UF_CRM_MANAGER_NOTE: 'hi' } }));
    expect(obj(result(await rest('crm.contact.get', { id })))['UF_CRM_MANAGER_NOTE']).toBe('hi');
  });

  it('item 31: ORIGINATOR_ID / ORIGIN_ID / ORIGIN_VERSION and product XML_ID are stored and filterable as plain strings', async () => {
    await rest('crm.contact.add', { fields: { NAME: 'A', ORIGINATOR_ID: 'QBD', ORIGIN_ID: '80000001-1234', ORIGIN_VERSION: '1700000000' } });
    await rest('crm.contact.add', { fields: { NAME: 'B', ORIGINATOR_ID: 'QBD', ORIGIN_ID: '80000002-1234' } });
    await rest('crm.deal.add', { fields: { TITLE: 'D', ORIGINATOR_ID: 'QBD', ORIGIN_ID: 'TXN-1' } });
    await rest('crm.product.add', { fields: { NAME: 'P', XML_ID: '8000000A-1' } });
    const hit = arr(result(await rest('crm.contact.list', { filter: { ORIGINATOR_ID: 'QBD', ORIGIN_ID: '80000001-1234' } })));
    expect(hit.map((c) => obj(c)['NAME'])).toEqual(['A']);
    expect(obj(hit[0])['ORIGIN_VERSION']).toBe('1700000000');
    expect(arr(result(await rest('crm.deal.list', { filter: { ORIGIN_ID: 'TXN-1' } })))).toHaveLength(1);
    expect(arr(result(await rest('crm.product.list', { filter: { XML_ID: '8000000A-1' } })))).toHaveLength(1);
  });
});
