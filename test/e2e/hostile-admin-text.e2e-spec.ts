import { toLatin1 } from '@qb-b24/qbxml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectJsonError, expectNoLeak } from '../support/hostile-http.js';
import { HOSTILE_STRINGS } from '../support/hostile-inputs.js';
import { startHarness, type Harness } from '../support/sync-harness.js';
import { snapshotDatabase, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app.js';
import { MB } from '../support/hostile-soap-call.js';

// Hostile input, part 3 of 3 (hostile-soap and hostile-qbxml-webhooks hold the rest): the admin API and text.

// ---------------------------------------------------------------------------------------------------
// 5. Admin API, path tricks and method confusion on the JSON side.
// ---------------------------------------------------------------------------------------------------

const AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const JSON_TYPE = { 'content-type': 'application/json' };

const ADMIN_REFUSED: readonly (readonly [
  name: string,
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  status: number,
])[] = [
  ['no token', 'GET', '/admin/queue', {}, undefined, 401],
  ['a wrong token', 'GET', '/admin/queue', { authorization: 'Bearer wrong-token-wrong-token-wrong-1' }, undefined, 401],
  ['an empty bearer', 'GET', '/admin/queue', { authorization: 'Bearer ' }, undefined, 401],
  ['Basic instead of Bearer', 'GET', '/admin/queue', { authorization: `Basic ${Buffer.from(`admin:${TEST_ADMIN_TOKEN}`).toString('base64')}` }, undefined, 401],
  ['the token as a query parameter', 'GET', `/admin/queue?token=${TEST_ADMIN_TOKEN}`, {}, undefined, 401],
  ['a token prefix', 'GET', '/admin/queue', { authorization: `Bearer ${TEST_ADMIN_TOKEN.slice(0, 12)}` }, undefined, 401],
  ['the token plus a suffix', 'POST', '/admin/resync', { authorization: `Bearer ${TEST_ADMIN_TOKEN}x`, ...JSON_TYPE }, '{"entity":"customer"}', 401],
  ['SQL in the id', 'POST', '/admin/queue/1%3BDROP%20TABLE%20outbox/requeue', AUTH, undefined, 400],
  ['OR 1=1 in the id', 'POST', '/admin/queue/1%20OR%201%3D1/requeue', AUTH, undefined, 400],
  ['a negative id', 'POST', '/admin/queue/-1/requeue', AUTH, undefined, 400],
  ['a 25-digit id', 'POST', '/admin/queue/9999999999999999999999999/requeue', AUTH, undefined, 400],
  ['a fractional id', 'POST', '/admin/queue/1.5/requeue', AUTH, undefined, 400],
  ['quotes in a record id', 'GET', "/admin/records/qb/customer/'%20OR%20'1'%3D'1/history", AUTH, undefined, 400],
  ['an unknown system', 'GET', '/admin/records/sql/customer/1/history', AUTH, undefined, 400],
  ['an encoded slash in a record id', 'GET', '/admin/records/qb/customer/..%2F..%2Fetc%2Fpasswd/history', AUTH, undefined, 400],
  ['broken JSON', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, '{"entity":', 400],
  ['a JSON array', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, '["customer"]', 400],
  ['JSON null', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, 'null', 400],
  ['a number where a name belongs', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, '{"entity":1}', 400],
  ['an operator object', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, '{"entity":{"$ne":null}}', 400],
  ['an unknown entity', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, '{"entity":"customer\'; DROP TABLE sync_watermark;--"}', 400],
  ['an extra field', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, '{"entity":"customer","admin":true}', 400],
  ['a __proto__ field', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, '{"entity":"customer","__proto__":{"polluted":1}}', 400],
  ['a bad winner', 'POST', '/admin/conflicts/1/resolve', { ...AUTH, ...JSON_TYPE }, '{"winner":"both"}', 400],
  ['JSON over 1 MB', 'POST', '/admin/resync', { ...AUTH, ...JSON_TYPE }, JSON.stringify({ entity: 'customer', pad: 'x'.repeat(MB) }), 413],
  ['text/plain', 'POST', '/admin/resync', { ...AUTH, 'content-type': 'text/plain' }, 'entity=customer', 415],
  ['an invalid limit', 'GET', '/admin/runs?limit=-5', AUTH, undefined, 400],
  ['a limit of a billion', 'GET', '/admin/runs?limit=1000000000', AUTH, undefined, 400],
];

const PATH_TRICKS = [
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..%2f..%2fpackage.json',
  '/docs/../../package.json',
  '/assets/..%2f..%2f..%2fpackage.json',
  '/static/%2e%2e%2f%2e%2e%2f.env',
  '/%00',
  '//etc/passwd',
  '/admin/%2e%2e/health',
  '/qbwc/..%2f..%2fpackage.json',
  '/.env',
  '/data/connector.sqlite',
] as const;

describe('admin API and HTTP surface with hostile requests', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(ADMIN_REFUSED)('%s → %i, nothing changed', async (_name, method, url, headers, body, status) => {
    const before = await snapshotDatabase(t.db);
    const res = await t.app.inject({ method, url, headers, ...(body !== undefined ? { payload: body } : {}) });
    expectJsonError(res, status);
    expect(await snapshotDatabase(t.db)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('deeply nested JSON → 400, nothing changed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/resync',
      headers: { ...AUTH, ...JSON_TYPE },
      payload: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
    });
    expectJsonError(res, 400);
  });

  it.each(PATH_TRICKS)('GET %s serves no file and no secret', async (url) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect([200, 400, 404]).toContain(res.statusCode);
    if (res.statusCode !== 200) expectJsonError(res, res.statusCode);
    expectNoLeak(res);
    expect(res.body).not.toMatch(/"name":\s*"qb-bitrix24-connector"|ADMIN_TOKEN=|QBWC_PASSWORD=|SQLite format/);
  });

  it.each([
    ['PUT', '/admin/resync'],
    ['DELETE', '/admin/queue/1/requeue'],
    ['DELETE', '/bitrix24/webhook'],
    ['PUT', '/health'],
  ] as const)('%s %s → 404 JSON, nothing changed', async (method, url) => {
    const before = await snapshotDatabase(t.db);
    const res = await t.app.inject({ method, url, headers: { ...AUTH, ...JSON_TYPE }, payload: '{"entity":"customer"}' });
    expectJsonError(res, 404);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------
// 6. Injection-like text in every synced field, both ways through the emulators.
// ---------------------------------------------------------------------------------------------------

type Rec = Record<string, unknown>;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

describe('injection-like text syncs both ways, arrives as documented, and is never duplicated', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    h.portal.setEvents({ handlerUrl: `${h.url}/bitrix24/webhook`, applicationToken: 'harness-application-token' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('Bitrix24 contacts with hostile names, e-mails and addresses become one valid QuickBooks customer each', async () => {
    const ids = HOSTILE_STRINGS.map(([, v], i) =>
      h.portal.ui.add('contact', {
        NAME: v,
        LAST_NAME: `Hostile${i}`,
        EMAIL: [{ VALUE: `h${i}+${encodeURIComponent(v.slice(0, 20))}@example.org`, VALUE_TYPE: 'WORK' }],
        ADDRESS: v,
        ADDRESS_CITY: v,
      }),
    );
    await h.portal.idle();
    const result = await h.session();
    // The QuickBooks emulator validates every request against the qbXML schema and Latin-1: a completed
    // session means every one of these requests was valid qbXML.
    expect(result.outcome).toBe('completed');
    for (const [i, [, v]] of HOSTILE_STRINGS.entries()) {
      const found = h.qb
        .ids('Customer')
        .map((id) => h.qb.getRet(id) as Rec)
        .filter((c) => str(c['LastName']) === `Hostile${i}`);
      expect(found, `contact ${ids[i]}`).toHaveLength(1);
      const first = str(found[0]?.['FirstName']);
      // documented text rules (libs/qbxml README): transliterated to Latin-1, cut to the XSD maxLength (FirstName 25)
      expect(first).toBe(toLatin1(v).value.replace(/\s/g, ' ').trim().slice(0, 25).trim());
      expect(first).not.toMatch(/[\u0000-\u001f\u0100-\uffff]/);
    }
    const customers = h.qb.count('Customer');
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expect(h.qb.count('Customer')).toBe(customers);
  });

  it('QuickBooks customers with hostile Latin-1 names reach Bitrix24 once, unchanged', async () => {
    const latin1 = HOSTILE_STRINGS.filter(([n, v]) => /^[\u0020-\u00ff]*$/.test(v) && v.length <= 41 && n !== 'entity-looking text');
    for (const [i, [, v]] of latin1.entries()) {
      h.qb.userAddList('Customer', { Name: `${i}${v}`.slice(0, 41), FirstName: v.slice(0, 25), LastName: `QbHostile${i}`, Email: `qb${i}@example.org` });
    }
    h.qb.advance(60_000);
    expect((await h.session()).outcome).toBe('completed');
    await h.portal.idle();
    for (const [i, [, v]] of latin1.entries()) {
      const contacts = h.portal.list('contact').filter((c) => str(c['LAST_NAME']) === `QbHostile${i}`);
      expect(contacts, v).toHaveLength(1);
      expect(str(contacts[0]?.['NAME'])).toBe(v.slice(0, 25));
    }
    const before = h.portal.list('contact').length;
    expect((await h.session()).outcome).toBe('completed');
    await h.portal.idle();
    expect(h.portal.list('contact').length).toBe(before);
  });

  it('QuickBooks text that looks like an entity reaches Bitrix24 literally', async () => {
    const v = '&amp; &lt;x&gt; &#60; &xxe;';
    h.qb.userAddList('Customer', { Name: 'Entity lookalike', FirstName: v.slice(0, 25), LastName: 'QbEntity', Email: 'entity@example.org' });
    h.qb.advance(60_000);
    expect((await h.session()).outcome).toBe('completed');
    await h.portal.idle();
    const contacts = h.portal.list('contact').filter((c) => str(c['LAST_NAME']) === 'QbEntity');
    expect(contacts).toHaveLength(1);
    expect(str(contacts[0]?.['NAME'])).toBe(v.slice(0, 25));
  });
});
