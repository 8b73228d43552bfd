import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { arr, call, obj, result } from './test-helpers.js';

let portal: Bitrix24Portal;
afterEach(async () => {
  await portal.close();
});

describe('transport (bitrix24.md §10)', () => {
  it('item 1: routes /rest/{user}/{code}/{method}[.json|/] and answers a wrong code with 401 NO_AUTH_FOUND', async () => {
    portal = await startBitrix24Portal({ code: 'secret123' });
    expect(portal.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest\/1\/secret123\/$/);
    expect(result(await call(portal.webhookUrl, 'scope.json'))).toEqual(['crm', 'catalog', 'user']);
    expect(result(await call(portal.webhookUrl, 'scope/'))).toEqual(['crm', 'catalog', 'user']);
    const bad = await call(portal.webhookUrl.replace('secret123', 'wrong'), 'scope');
    expect(bad.status).toBe(401);
    expect(bad.json).toEqual({ error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' });
    const badUser = await call(portal.webhookUrl.replace('/rest/1/', '/rest/2/'), 'scope');
    expect(badUser.status).toBe(401);
  });

  it('item 2: accepts query strings, form-urlencoded and multipart bodies with PHP bracket keys, merging query + body', async () => {
    portal = await startBitrix24Portal();
    const form = 'fields[NAME]=Ann&fields[PHONE][0][VALUE]=%2B111&fields[PHONE][0][VALUE_TYPE]=WORK&fields[COMMENTS]=a%26b';
    const id1 = result(await call(portal.webhookUrl, 'crm.contact.add', {}, { body: form, contentType: 'application/x-www-form-urlencoded' }));
    expect(id1).toBe(1);
    expect(portal.get('contact', 1)).toMatchObject({ NAME: 'Ann', COMMENTS: 'a&b', PHONE: [{ VALUE: '+111', VALUE_TYPE: 'WORK' }] });

    const q = 'fields[NAME]=Bob&fields[EMAIL][][VALUE]=bob%40example.com';
    expect(result(await call(portal.webhookUrl, 'crm.contact.add', {}, { httpMethod: 'GET', query: q }))).toBe(2);
    expect(portal.get('contact', 2)).toMatchObject({ NAME: 'Bob', EMAIL: [{ VALUE: 'bob@example.com' }] });

    const fd = new FormData();
    fd.set('fields[NAME]', 'Cy');
    fd.set('fields[LAST_NAME]', 'Multi');
    const res = await fetch(`${portal.webhookUrl}crm.contact.add?fields[SECOND_NAME]=Q`, { method: 'POST', body: fd });
    expect(await res.json()).toMatchObject({ result: 3 });
    expect(portal.get('contact', 3)).toMatchObject({ NAME: 'Cy', LAST_NAME: 'Multi', SECOND_NAME: 'Q' });
  });

  it('item 3: reads legacy top-level parameters case-insensitively (FIELDS/fields, ID/id, FILTER/filter)', async () => {
    portal = await startBitrix24Portal();
    const id = result(await call(portal.webhookUrl, 'crm.company.add', { FIELDS: { TITLE: 'Acme' } }));
    expect(obj(result(await call(portal.webhookUrl, 'crm.company.get', { ID: id })))['TITLE']).toBe('Acme');
    expect(arr(result(await call(portal.webhookUrl, 'crm.company.list', { FILTER: { TITLE: 'Nope' } })))).toHaveLength(0);
  });

  it('item 4: unknown methods answer 404 ERROR_METHOD_NOT_FOUND "Method not found!"', async () => {
    portal = await startBitrix24Portal();
    const r = await call(portal.webhookUrl, 'crm.nosuch.thing');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' });
  });

  it('item 5: a method outside the webhook scopes answers 403 insufficient_scope; basic methods always work', async () => {
    portal = await startBitrix24Portal({ scopes: ['user'] });
    const r = await call(portal.webhookUrl, 'crm.contact.list');
    expect(r.status).toBe(403);
    expect(obj(r.json)['error']).toBe('insufficient_scope');
    expect(result(await call(portal.webhookUrl, 'scope'))).toEqual(['user']);
    expect(obj(result(await call(portal.webhookUrl, 'profile')))['ID']).toBe('1');
  });

  it('item 6: success envelopes carry result and the full time object; lists add total and next', async () => {
    const clock = new ManualClock(Date.parse('2026-03-01T12:00:00Z'));
    portal = await startBitrix24Portal({ clock, timeZone: '+02:00' });
    const r = obj((await call(portal.webhookUrl, 'server.time')).json);
    expect(r['result']).toBe('2026-03-01T14:00:00+02:00');
    const time = obj(r['time']);
    expect(Object.keys(time).sort()).toEqual(
      ['date_finish', 'date_start', 'duration', 'finish', 'operating', 'operating_reset_at', 'processing', 'start'].sort(),
    );
    expect(time['start']).toBe(Date.parse('2026-03-01T12:00:00Z') / 1000);
    expect(time['date_start']).toBe('2026-03-01T14:00:00+02:00');
    expect(typeof time['operating_reset_at']).toBe('number');
    for (let i = 0; i < 51; i++) portal.ui.add('company', { TITLE: `C${i}` });
    const list = obj((await call(portal.webhookUrl, 'crm.company.list')).json);
    expect(list['total']).toBe(51);
    expect(list['next']).toBe(50);
  });

  it('item 9: injected faults — 500 INTERNAL_SERVER_ERROR, text/html bodies, 302 domain change, then normal service', async () => {
    portal = await startBitrix24Portal();
    portal.injectFault({ kind: 'INTERNAL_SERVER_ERROR', count: 1 });
    portal.injectFault({ kind: 'html', count: 1 });
    portal.injectFault({ kind: 'redirect', count: 1, methods: ['crm.deal.list'] });
    const first = await call(portal.webhookUrl, 'scope');
    expect(first.status).toBe(500);
    expect(first.json).toEqual({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' });
    const second = await call(portal.webhookUrl, 'scope');
    expect(second.status).toBe(502);
    expect(second.headers.get('content-type')).toContain('text/html');
    expect(second.json).toBeUndefined();
    const moved = await call(portal.webhookUrl, 'crm.deal.list');
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe(`${portal.webhookUrl}crm.deal.list`);
    expect((await call(portal.webhookUrl, 'scope')).status).toBe(200);
    expect(portal.calls.map((c) => [c.method, c.httpStatus])).toEqual([
      ['scope', 500],
      ['scope', 502],
      ['crm.deal.list', 302],
      ['scope', 200],
    ]);
  });

  it('item 9: a timeout fault keeps the socket open without an answer until the client gives up', async () => {
    portal = await startBitrix24Portal();
    portal.injectFault({ kind: 'timeout', count: 1, methods: ['crm.contact.add'] });
    const ac = new AbortController();
    const pending = call(portal.webhookUrl, 'crm.contact.add', { fields: { NAME: 'X' } }, { signal: ac.signal });
    await expect.poll(() => portal.calls.length).toBe(1);
    ac.abort();
    await expect(pending).rejects.toThrow();
    expect(portal.calls[0]).toMatchObject({ method: 'crm.contact.add', error: 'timeout' });
    expect(portal.list('contact')).toHaveLength(0);
    expect(result(await call(portal.webhookUrl, 'crm.contact.add', { fields: { NAME: 'X' } }))).toBe(1);
  });

  it('item 9: faults can be limited to named methods and can carry latency', async () => {
    portal = await startBitrix24Portal();
    portal.injectFault({ kind: 'NO_AUTH_FOUND', count: 2, methods: ['crm.contact.get'], latencyMs: 5 });
    expect((await call(portal.webhookUrl, 'scope')).status).toBe(200);
    expect((await call(portal.webhookUrl, 'crm.contact.get', { id: 1 })).status).toBe(401);
    expect((await call(portal.webhookUrl, 'crm.contact.get', { id: 1 })).status).toBe(401);
    expect((await call(portal.webhookUrl, 'crm.contact.get', { id: 1 })).status).toBe(400);
  });

  it('item 9 extension: lateAnswer applies a batch carrying a named method, then answers late (a client that gave up still finds the record)', async () => {
    portal = await startBitrix24Portal();
    portal.injectFault({ kind: 'lateAnswer', count: 1, methods: ['crm.contact.add'], latencyMs: 5_000 });
    // A list-only batch is not the one the fault waits for.
    expect((await call(portal.webhookUrl, 'batch', { cmd: { l: 'crm.contact.list' } })).status).toBe(200);
    const aborted = fetch(`${portal.webhookUrl}batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cmd: { a: 'crm.contact.add?fields[NAME]=Late' } }),
      signal: AbortSignal.timeout(500),
    });
    await expect(aborted).rejects.toThrow();
    expect(portal.list('contact').map((c) => c['NAME'])).toEqual(['Late']);
    expect(portal.calls.at(-1)).toMatchObject({ method: 'batch', httpStatus: 200, batchCommands: 1 });
    // Spent: the next add answers at once.
    expect(result(await call(portal.webhookUrl, 'crm.contact.add', { fields: { NAME: 'Next' } }))).toBe(2);
  });

  it('item 36: JSON is PHP-style — "/" escaped as "\\/", empty maps as []', async () => {
    portal = await startBitrix24Portal();
    portal.ui.add('contact', { NAME: 'A/B', COMMENTS: '[B]x[/B]' });
    const r = await call(portal.webhookUrl, 'crm.contact.get', { id: 1 });
    expect(r.text).toContain('"NAME":"A\\/B"');
    expect(r.text).toContain('[B]x[\\/B]');
    const none = await call(portal.webhookUrl, 'crm.duplicate.findbycomm', { type: 'EMAIL', values: ['nobody@example.com'] });
    expect(none.text).toMatch(/^\{"result":\[\],/);
  });
});
