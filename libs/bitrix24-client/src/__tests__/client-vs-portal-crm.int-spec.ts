import { describe, expect, it } from 'vitest';
import { Bitrix24Client } from '../bitrix24-client.js';
import type { MultiFieldValue } from '../bitrix24.types.js';
import { buildMultiFieldPatch } from '../build-multi-field-patch.js';
import { FetchHttpTransport } from '../fetch-http-transport.js';
import { failure } from './client-fixture.js';
import { usePortalAndClient } from './portal-client-fixture.js';

// The client against the portal emulator over real HTTP: multi-field updates, typed errors, CRM methods
// (client-vs-portal.int-spec.ts: batches, backoff and rate limit, pagination).
const setup = usePortalAndClient();

describe('client vs portal emulator: multi-field updates', () => {
  it('re-syncing e-mails changes values in place and never appends duplicates', async () => {
    const { portal, client } = await setup();
    const id = await client.contact.add({
      NAME: 'Multi',
      EMAIL: [
        { VALUE: 'a@x.com', VALUE_TYPE: 'WORK' },
        { VALUE: 'b@x.com', VALUE_TYPE: 'HOME' },
        { VALUE: 'c@x.com', VALUE_TYPE: 'WORK' },
      ],
    });
    const desired = [
      { VALUE: 'a@x.com', VALUE_TYPE: 'WORK' },
      { VALUE: 'b2@x.com', VALUE_TYPE: 'HOME' },
    ];
    for (let round = 0; round < 3; round++) {
      const before = await client.contact.get(id);
      const patch = buildMultiFieldPatch(before.EMAIL, desired);
      if (round > 0) expect(patch).toEqual([]); // already in sync: nothing to send
      if (patch.length > 0) await client.contact.update(id, { EMAIL: patch });
    }
    const after = await client.contact.get(id);
    const emails = (after.EMAIL ?? []).map((e: MultiFieldValue) => `${e.VALUE}/${e.VALUE_TYPE}`).sort();
    expect(emails).toEqual(['a@x.com/WORK', 'b2@x.com/HOME']);
    expect(portal.get('contact', id)?.['HAS_EMAIL']).toBe('Y');
  });

  it('removing every phone clears the multifield', async () => {
    const { client } = await setup();
    const id = await client.contact.add({ NAME: 'P', PHONE: [{ VALUE: '+1 555 0100', VALUE_TYPE: 'WORK' }] });
    const before = await client.contact.get(id);
    await client.contact.update(id, { PHONE: buildMultiFieldPatch(before.PHONE, []) });
    const after = await client.contact.get(id);
    expect(after.PHONE ?? []).toEqual([]);
  });
});

describe('client vs portal emulator: typed errors', () => {
  it('maps portal answers to error codes, with the portal description and no secret', async () => {
    const { portal, client } = await setup({ code: 'topsecretcode123', scopes: ['user'] });
    const scope = await failure(client.contact.get(123));
    expect(scope).toMatchObject({ code: 'SCOPE', portalError: 'insufficient_scope', httpStatus: 403, retriable: false });
    const unknown = await failure(client.call('crm.nosuch.method'));
    expect(unknown).toMatchObject({ code: 'METHOD_NOT_FOUND', message: 'Method not found!' });
    const wrongCode = new Bitrix24Client({ webhookUrl: portal.webhookUrl.replace('topsecretcode123', 'wrong'), transport: new FetchHttpTransport() });
    const auth = await failure(wrongCode.crm.scope());
    expect(auth).toMatchObject({ code: 'AUTH', portalError: 'NO_AUTH_FOUND', message: 'Wrong authorization data', httpStatus: 401 });
    for (const e of [scope, unknown, auth]) expect(JSON.stringify({ m: e.message, s: e.stack })).not.toContain('topsecretcode123');
  });

  it('NOT_FOUND for a deleted contact, INVALID for a bad e-mail', async () => {
    const { client } = await setup();
    const id = await client.contact.add({ NAME: 'Gone' });
    await client.contact.delete(id);
    expect(await failure(client.contact.get(id))).toMatchObject({ code: 'NOT_FOUND', retriable: false });
    expect(await failure(client.contact.add({ NAME: 'X', EMAIL: [{ VALUE: 'not-an-email', VALUE_TYPE: 'WORK' }] }))).toMatchObject({
      code: 'INVALID',
      portalError: 'ERROR_CORE',
    });
  });

  it('checkHealth reports missing scopes and a rejected webhook', async () => {
    const { portal, client } = await setup({ scopes: ['crm', 'user'] });
    await expect(client.checkHealth(['crm', 'catalog'])).resolves.toMatchObject({ reachable: true, authorized: true, ok: false, missingScopes: ['catalog'] });
    const bad = new Bitrix24Client({ webhookUrl: portal.webhookUrl.replace(/\/rest\/1\/[^/]+\//, '/rest/1/nope/'), transport: new FetchHttpTransport() });
    await expect(bad.checkHealth(['crm'])).resolves.toMatchObject({ reachable: true, authorized: false, ok: false, error: { code: 'AUTH' } });
  });
});

describe('client vs portal emulator: CRM methods', () => {
  it('deal with product rows, stages, pipelines, duplicates, contact↔company link', async () => {
    const { client } = await setup();
    const companyId = await client.company.add({ TITLE: 'Acme LLC', EMAIL: [{ VALUE: 'info@acme.test', VALUE_TYPE: 'WORK' }] });
    const contactId = await client.contact.add({ NAME: 'Ann', EMAIL: [{ VALUE: 'ann@acme.test', VALUE_TYPE: 'WORK' }] });
    await client.crm.contactCompanyItemsSet(contactId, [{ COMPANY_ID: companyId, IS_PRIMARY: 'Y' }]);
    expect((await client.contact.get(contactId)).COMPANY_ID).toBe(String(companyId));
    const productId = await client.product.add({ NAME: 'Widget', PRICE: 10, CURRENCY_ID: 'USD', XML_ID: 'QB-ITEM-1' });
    const dealId = await client.deal.add({ TITLE: 'Order 1', CONTACT_ID: contactId, CURRENCY_ID: 'USD' });
    await client.crm.dealProductRowsSet(dealId, [{ PRODUCT_ID: productId, PRICE: 10, QUANTITY: 3 }]);
    const rows = await client.crm.dealProductRowsGet(dealId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ PRODUCT_ID: productId, QUANTITY: 3 });
    const stages = await client.crm.statusList({ ENTITY_ID: 'DEAL_STAGE' });
    expect(stages.map((s) => s.STATUS_ID)).toContain('WON');
    const cats = await client.crm.categoryList(2);
    expect(cats.some((c) => c.id === 0)).toBe(true);
    await expect(client.crm.duplicateFindByComm('EMAIL', ['ann@acme.test', 'info@acme.test'])).resolves.toEqual({ CONTACT: [contactId], COMPANY: [companyId] });
    await expect(client.crm.duplicateFindByComm('EMAIL', ['nobody@acme.test'])).resolves.toEqual({});
    const fields = await client.contact.fields();
    expect(fields['NAME']).toMatchObject({ type: 'string' });
  });
});
