import { describe, expect, it } from 'vitest';
import { isRecord } from '../parse-envelope.js';
import { err, makeClient, ok } from './client-fixture.js';

describe('typed CRM methods', () => {
  it('contact.add sends fields + params and returns the numeric ID', async () => {
    const { client, server } = makeClient();
    server.enqueue(ok(46));
    const id = await client.contact.add(
      { NAME: 'John', ORIGINATOR_ID: 'qb', ORIGIN_ID: '80000001-123', EMAIL: [{ VALUE: 'j@x.com', VALUE_TYPE: 'WORK' }] },
      { REGISTER_SONET_EVENT: 'N' },
    );
    expect(id).toBe(46);
    expect(server.requests[0]?.restMethod).toBe('crm.contact.add');
    expect(server.requests[0]?.body).toEqual({
      fields: { NAME: 'John', ORIGINATOR_ID: 'qb', ORIGIN_ID: '80000001-123', EMAIL: [{ VALUE: 'j@x.com', VALUE_TYPE: 'WORK' }] },
      params: { REGISTER_SONET_EVENT: 'N' },
    });
  });

  it.each([
    ['company', 'crm.company'],
    ['deal', 'crm.deal'],
    ['product', 'crm.product'],
  ] as const)('%s.{update,get,delete,fields} hit %s.*', async (entity, prefix) => {
    const { client, server } = makeClient();
    server.enqueue(ok(true), ok({ ID: '7', TITLE: 'x' }), ok(true), ok({ ID: { type: 'integer' } }));
    const api = client[entity];
    await expect(api.update(7, {})).resolves.toBe(true);
    await expect(api.get(7)).resolves.toMatchObject({ ID: '7' });
    await expect(api.delete(7)).resolves.toBe(true);
    await expect(api.fields()).resolves.toEqual({ ID: { type: 'integer' } });
    expect(server.methods).toEqual([`${prefix}.update`, `${prefix}.get`, `${prefix}.delete`, `${prefix}.fields`]);
  });

  it('get of a deleted record throws NOT_FOUND without retrying', async () => {
    const { client, server } = makeClient();
    server.setRoute(() => err(400, '', 'Not found'));
    await expect(client.deal.get(9)).rejects.toMatchObject({ code: 'NOT_FOUND', retriable: false });
    expect(server.requests).toHaveLength(1);
  });

  it('an add answered with something other than an ID is a BAD_RESPONSE', async () => {
    const { client, server } = makeClient();
    server.enqueue(ok(true));
    await expect(client.contact.add({ NAME: 'x' })).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('duplicateFindByComm splits >20 values, merges hits and maps [] to {}', async () => {
    const { client, server } = makeClient();
    server.enqueue(ok({ CONTACT: [1, 2] }), ok([]), ok({ CONTACT: [2, 3], COMPANY: [9] }));
    const values = Array.from({ length: 45 }, (_, i) => `a${i}@x.com`);
    const res = await client.crm.duplicateFindByComm('EMAIL', values, 'CONTACT');
    expect(res).toEqual({ CONTACT: [1, 2, 3], COMPANY: [9] });
    expect(server.requests.map((r) => (isRecord(r.body) && Array.isArray(r.body['values']) ? r.body['values'].length : 0))).toEqual([20, 20, 5]);
    expect(server.requests[0]?.body).toMatchObject({ type: 'EMAIL', entity_type: 'CONTACT' });
    server.enqueue(ok([]));
    await expect(client.crm.duplicateFindByComm('PHONE', ['1'])).resolves.toEqual({});
  });

  it('product rows get/set, stages, pipelines, contact↔company links, scope, profile', async () => {
    const { client, server } = makeClient();
    server.enqueue(
      ok([{ ID: '5', PRODUCT_ID: 450, PRICE: 899.1, QUANTITY: 1 }]),
      ok(true),
      ok([{ ID: '101', ENTITY_ID: 'DEAL_STAGE', STATUS_ID: 'NEW', NAME: 'New' }]),
      ok({ categories: [{ id: 0, name: 'General', isDefault: 'Y' }] }),
      ok(true),
      ok(['crm', 'user']),
      ok({ ID: '1', ADMIN: true }),
    );
    await expect(client.crm.dealProductRowsGet(5)).resolves.toEqual([{ ID: '5', PRODUCT_ID: 450, PRICE: 899.1, QUANTITY: 1 }]);
    await expect(client.crm.dealProductRowsSet(5, [{ PRODUCT_ID: 450, PRICE: 10, QUANTITY: 2 }])).resolves.toBe(true);
    await expect(client.crm.statusList({ ENTITY_ID: 'DEAL_STAGE' })).resolves.toHaveLength(1);
    await expect(client.crm.categoryList(2)).resolves.toEqual([{ id: 0, name: 'General', isDefault: 'Y' }]);
    await expect(client.crm.contactCompanyItemsSet(3, [{ COMPANY_ID: 7, IS_PRIMARY: 'Y' }])).resolves.toBe(true);
    await expect(client.crm.scope()).resolves.toEqual(['crm', 'user']);
    await expect(client.crm.profile()).resolves.toMatchObject({ ID: '1' });
    expect(server.methods).toEqual([
      'crm.deal.productrows.get',
      'crm.deal.productrows.set',
      'crm.status.list',
      'crm.category.list',
      'crm.contact.company.items.set',
      'scope',
      'profile',
    ]);
    expect(server.requests[1]?.body).toEqual({ id: 5, rows: [{ PRODUCT_ID: 450, PRICE: 10, QUANTITY: 2 }] });
  });

  it('userfield list/add use crm.{entity}.userfield.*', async () => {
    const { client, server } = makeClient();
    server.enqueue(ok([{ ID: '399', FIELD_NAME: 'UF_CRM_QB_LISTID', USER_TYPE_ID: 'string' }]), ok(400));
    await expect(client.contact.userfieldList({ FIELD_NAME: 'UF_CRM_QB_LISTID' })).resolves.toHaveLength(1);
    await expect(client.company.userfieldAdd({ FIELD_NAME: 'QB_LISTID', USER_TYPE_ID: 'string' })).resolves.toBe(400);
    expect(server.methods).toEqual(['crm.contact.userfield.list', 'crm.company.userfield.add']);
  });
});

describe('checkHealth', () => {
  it('ok when every required scope is granted', async () => {
    const { client, server } = makeClient();
    server.enqueue(ok(['crm', 'catalog', 'user']));
    await expect(client.checkHealth(['crm', 'catalog'])).resolves.toEqual({
      reachable: true,
      authorized: true,
      scopes: ['crm', 'catalog', 'user'],
      missingScopes: [],
      ok: true,
    });
  });

  it('lists missing scopes', async () => {
    const { client, server } = makeClient();
    server.enqueue(ok(['user']));
    await expect(client.checkHealth(['crm', 'user'])).resolves.toMatchObject({ ok: false, missingScopes: ['crm'] });
  });

  it('a rejected webhook is reachable but not authorized, and is not retried', async () => {
    const { client, server } = makeClient();
    server.setRoute(() => err(401, 'NO_AUTH_FOUND', 'Wrong authorization data'));
    await expect(client.checkHealth(['crm'])).resolves.toMatchObject({ reachable: true, authorized: false, ok: false, error: { code: 'AUTH' } });
    expect(server.requests).toHaveLength(1);
  });

  it('a portal that does not answer is unreachable', async () => {
    const { client, server } = makeClient();
    server.setRoute(() => 'network');
    await expect(client.checkHealth(['crm'])).resolves.toMatchObject({ reachable: false, authorized: false, ok: false, error: { code: 'NETWORK' } });
  });
});
