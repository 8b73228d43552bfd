import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { arr, call, obj } from './test-helpers.js';

let portal: Bitrix24Portal;
let clock: ManualClock;
beforeEach(async () => {
  clock = new ManualClock(Date.parse('2026-02-01T10:00:00Z'));
  portal = await startBitrix24Portal({ clock });
});
afterEach(async () => {
  await portal.close();
});

async function list(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const r = await call(portal.webhookUrl, method, params);
  expect(r.status).toBe(200);
  return obj(r.json);
}
const ids = (body: Record<string, unknown>): string[] => arr(body['result']).map((r) => String(obj(r)['ID']));

describe('list methods (bitrix24.md §4, §10 items 11-14)', () => {
  it('item 11: pages are fixed at 50 with start offsets, next only while more remain, start=-1 gives total 0 and no next', async () => {
    for (let i = 0; i < 120; i++) portal.ui.add('deal', { TITLE: `D${i}` });
    const p1 = await list('crm.deal.list', { order: { ID: 'ASC' } });
    expect(arr(p1['result'])).toHaveLength(50);
    expect(p1['total']).toBe(120);
    expect(p1['next']).toBe(50);
    const p3 = await list('crm.deal.list', { order: { ID: 'ASC' }, start: 100 });
    expect(ids(p3)[0]).toBe('101');
    expect(arr(p3['result'])).toHaveLength(20);
    expect(p3).not.toHaveProperty('next');
    const fast = await list('crm.deal.list', { order: { ID: 'ASC' }, filter: { '>ID': 60 }, start: -1 });
    expect(ids(fast)[0]).toBe('61');
    expect(arr(fast['result'])).toHaveLength(50);
    expect(fast['total']).toBe(0);
    expect(fast).not.toHaveProperty('next');
  });

  it('item 12: filter operators = != > >= < <= @ !@ % =% %= !% and several prefixed keys on one field', async () => {
    const names = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Alphabet'];
    names.forEach((n, i) => portal.ui.add('deal', { TITLE: n, OPPORTUNITY: (i + 1) * 1000 }));
    const t = async (filter: Record<string, unknown>): Promise<string[]> => ids(await list('crm.deal.list', { filter, order: { ID: 'ASC' } }));
    expect(await t({ TITLE: 'beta' })).toEqual(['2']);
    expect(await t({ '=TITLE': 'Beta' })).toEqual(['2']);
    expect(await t({ '!TITLE': 'Beta' })).toEqual(['1', '3', '4', '5']);
    expect(await t({ '!=TITLE': 'Beta' })).toEqual(['1', '3', '4', '5']);
    expect(await t({ '>OPPORTUNITY': 3000 })).toEqual(['4', '5']);
    expect(await t({ '>=OPPORTUNITY': '3000', '<OPPORTUNITY': 5000 })).toEqual(['3', '4']);
    expect(await t({ '<=OPPORTUNITY': 2000 })).toEqual(['1', '2']);
    expect(await t({ '@ID': [1, 3] })).toEqual(['1', '3']);
    expect(await t({ '!@ID': [1, 3] })).toEqual(['2', '4', '5']);
    expect(await t({ '%TITLE': 'lph' })).toEqual(['1', '5']);
    expect(await t({ '=%TITLE': 'Alp%' })).toEqual(['1', '5']);
    expect(await t({ '%=TITLE': '%ta' })).toEqual(['2', '4']);
    expect(await t({ '!%TITLE': 'lph' })).toEqual(['2', '3', '4']);
    expect(await t({ '!=%TITLE': '%a' })).toEqual(['5']);
  });

  it('item 12: DATE_MODIFY filters take ISO with offset; multifields filter by exact value only', async () => {
    portal.ui.add('contact', { NAME: 'Early', EMAIL: [{ VALUE: 'early@example.com' }] });
    clock.advance(3_600_000);
    portal.ui.add('contact', { NAME: 'Late', EMAIL: [{ VALUE: 'late@example.com' }] });
    const since = await list('crm.contact.list', { filter: { '>DATE_MODIFY': '2026-02-01T13:30:00+03:00' } });
    expect(ids(since)).toEqual(['2']);
    const utc = await list('crm.contact.list', { filter: { '>=DATE_MODIFY': '2026-02-01T10:00:00Z' } });
    expect(ids(utc)).toEqual(['1', '2']);
    expect(ids(await list('crm.contact.list', { filter: { EMAIL: 'late@example.com' } }))).toEqual(['2']);
    expect(ids(await list('crm.contact.list', { filter: { EMAIL: 'late' } }))).toEqual([]);
  });

  it('item 13: select — default * + UF_* without multifields; explicit PHONE/EMAIL; UF_* alone', async () => {
    expectOk(await call(portal.webhookUrl, 'crm.contact.userfield.add', { fields: { FIELD_NAME: 'QB_LIST_ID', USER_TYPE_ID: 'string' } }));
    portal.ui.add('contact', { NAME: 'Ann', PHONE: [{ VALUE: '+1 555' }], UF_CRM_QB_LIST_ID: '80000001-1' });
    const dflt = obj(arr((await list('crm.contact.list', {}))['result'])[0]);
    expect(dflt['NAME']).toBe('Ann');
    expect(dflt['UF_CRM_QB_LIST_ID']).toBe('80000001-1');
    expect(dflt).not.toHaveProperty('PHONE');
    const star = obj(arr((await list('crm.contact.list', { select: ['*'] }))['result'])[0]);
    expect(star).not.toHaveProperty('UF_CRM_QB_LIST_ID');
    const explicit = obj(arr((await list('crm.contact.list', { select: ['ID', 'PHONE', 'UF_*'] }))['result'])[0]);
    expect(Object.keys(explicit).sort()).toEqual(['ID', 'PHONE', 'UF_CRM_QB_LIST_ID']);
    expect(arr(explicit['PHONE'])[0]).toMatchObject({ VALUE: '+1 555', TYPE_ID: 'PHONE' });
  });

  it('item 14: order by any field ASC/DESC, with numeric ordering for IDs and money', async () => {
    for (let i = 1; i <= 12; i++) portal.ui.add('deal', { TITLE: `T${13 - i}`, OPPORTUNITY: i % 3 });
    expect(ids(await list('crm.deal.list', { order: { ID: 'DESC' } })).slice(0, 3)).toEqual(['12', '11', '10']);
    expect(ids(await list('crm.deal.list', { order: { OPPORTUNITY: 'DESC', ID: 'ASC' } })).slice(0, 4)).toEqual(['2', '5', '8', '11']);
    expect(ids(await list('crm.deal.list', { order: { TITLE: 'ASC' } })).slice(0, 2)).toEqual(['12', '3']);
  });
});

function expectOk(r: { status: number; text: string }): void {
  expect(r.status, r.text).toBe(200);
}
