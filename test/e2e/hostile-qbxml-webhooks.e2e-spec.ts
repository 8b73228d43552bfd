import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B24EventEntity } from '../../apps/connector/src/bitrix/b24-event.entity.js';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { SyncWatermarkEntity } from '../../apps/connector/src/sync/sync-watermark.entity.js';
import { expectJsonError } from '../support/hostile-http.js';
import { startHarness, type Harness } from '../support/sync-harness.js';
import { snapshotDatabase, startTestApp, testConfig, type TestApp } from '../support/test-app.js';
import { MB, soapCall, login } from '../support/hostile-soap-call.js';

// Hostile input, part 2 of 3 (hostile-soap and hostile-admin-text hold the rest): qbXML and Bitrix24 webhooks.

// ---------------------------------------------------------------------------------------------------
// 3. Hostile qbXML inside a well-formed receiveResponseXML, against the real sync engine.
// ---------------------------------------------------------------------------------------------------

const BIG_JUNK = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>${'<Junk>0123456789</Junk>'.repeat(450_000)}</QBXMLMsgsRs></QBXML>`;

/** Builds each hostile response from the requestID of the request the engine actually sent. */
const QBXML_CASES: readonly (readonly [name: string, build: (requestId: string) => string])[] = [
  [
    'a DOCTYPE with an external entity',
    (id) =>
      `<?xml version="1.0" ?><!DOCTYPE QBXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}" statusCode="0" statusSeverity="Info" statusMessage="&x;"/></QBXMLMsgsRs></QBXML>`,
  ],
  [
    'billion laughs',
    (id) =>
      `<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}" statusCode="0" statusSeverity="Info" statusMessage="&c;"/></QBXMLMsgsRs></QBXML>`,
  ],
  [
    'a truncated response',
    (id) => `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}" statusCode="0" statusSeverity="Info"><CustomerRet><ListID>80000099-1`,
  ],
  ['not XML at all', () => 'this is not qbXML'],
  ['JSON', () => '{"QBXML":{"QBXMLMsgsRs":[]}}'],
  ['10 MB of unknown elements', () => BIG_JUNK],
  [
    'unknown response elements only',
    (id) => `<QBXML><QBXMLMsgsRs><EvilRs requestID="${id}" statusCode="0"><Payload>x</Payload></EvilRs></QBXMLMsgsRs></QBXML>`,
  ],
  [
    'a non-numeric statusCode',
    (id) => `<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}" statusCode="0; DROP TABLE id_mapping" statusSeverity="Info"/></QBXMLMsgsRs></QBXML>`,
  ],
  [
    'a negative statusCode',
    (id) =>
      `<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}" statusCode="-1" statusSeverity="Error" statusMessage="&lt;script&gt;"/></QBXMLMsgsRs></QBXML>`,
  ],
  ['no statusCode', (id) => `<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}"/></QBXMLMsgsRs></QBXML>`],
  [
    'a requestID we never sent',
    () =>
      `<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="not-ours" statusCode="0" statusSeverity="Info"><CustomerRet><ListID>80000099-1</ListID><EditSequence>1</EditSequence><Name>Injected</Name></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`,
  ],
  [
    'a record without ListID or EditSequence',
    (id) =>
      `<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}" statusCode="0" statusSeverity="Info" iteratorRemainingCount="0"><CustomerRet><Name>No identity</Name></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`,
  ],
  [
    'an iteratorRemainingCount that is not a number',
    (id) =>
      `<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="${id}" statusCode="0" statusSeverity="Info" iteratorRemainingCount="lots" iteratorID="{x}"/></QBXMLMsgsRs></QBXML>`,
  ],
];

describe('hostile qbXML inside a valid receiveResponseXML', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
  });
  afterAll(async () => {
    await h.close();
  });

  const state = async (): Promise<unknown[]> => [
    await h.t.db.getRepository(IdMappingEntity).find({ order: { id: 'ASC' } }),
    await h.t.db.getRepository(SyncWatermarkEntity).find({ order: { key: 'ASC' } }),
  ];

  it.each(QBXML_CASES)('%s: answered, the session survives, mappings and watermarks untouched', async (_name, build) => {
    const before = await state();
    const portalBefore = h.portal.list('contact').length + h.portal.list('company').length;
    const [ticket, status] = await login(h.t);
    expect(status).toMatch(/\.QBW$/);
    const rq = await soapCall(h.t, 'sendRequestXML', {
      ticket,
      strHCPResponse: '',
      strCompanyFileName: '',
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    expect(typeof rq === 'string' && rq.length > 0).toBe(true);
    const requestId = /requestID="([^"]*)"/.exec(String(rq))?.[1] ?? '1';
    const progress = Number(await soapCall(h.t, 'receiveResponseXML', { ticket, response: build(requestId), hresult: '', message: '' }));
    expect(Number.isInteger(progress)).toBe(true);
    expect(progress).toBeLessThanOrEqual(100);
    if (progress < 0) expect(String(await soapCall(h.t, 'getLastError', { ticket }))).not.toBe('');
    expect(String(await soapCall(h.t, 'getLastError', { ticket }))).not.toMatch(/root:|\/etc\/passwd|aaaaaaaaaaaaaaaaaaaa/);
    // The session summary or "Finished with problems: …", never an internal detail
    expect(String(await soapCall(h.t, 'closeConnection', { ticket }))).toMatch(/^(No QuickBooks changes|Synced |Finished with problems)/);
    expect(await state()).toEqual(before);
    expect(h.portal.list('contact').length + h.portal.list('company').length).toBe(portalBefore);
  });

  it('after all of that a normal Web Connector session still completes and duplicates nothing', async () => {
    const contacts = h.portal.list('contact').length;
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('contact').length).toBe(contacts);
  });
});

// ---------------------------------------------------------------------------------------------------
// 4. Bitrix24 event webhooks: forged, replayed, malformed.
// ---------------------------------------------------------------------------------------------------

const B24_TOKEN = 'hostile-suite-application-token-0001';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const ev = (extra = '', id = '123', token: string | null = B24_TOKEN): string =>
  `event=ONCRMCONTACTUPDATE&data[FIELDS][ID]=${id}&ts=1766047124${token === null ? '' : `&auth[application_token]=${encodeURIComponent(token)}`}${extra}`;

const WEBHOOK_REFUSED: readonly (readonly [name: string, body: string, status: number])[] = [
  ['a wrong token', ev('', '123', 'forged-forged-forged-forged-forged-1'), 401],
  ['no token', ev('', '123', null), 401],
  ['an array-valued token', `${ev('', '123', null)}&auth[application_token][]=${B24_TOKEN}`, 401],
  ['a nested token', `${ev('', '123', null)}&auth[application_token][x]=${B24_TOKEN}`, 401],
  ['the right token, then a wrong one under the same key (last wins)', `${ev()}&auth[application_token]=wrong`, 401],
  ['the token outside auth[]', `${ev('', '123', null)}&application_token=${B24_TOKEN}`, 401],
  ['1001 fields', ev(Array.from({ length: 1000 }, (_, i) => `&f${i}=1`).join('')), 400],
  ['nine levels of brackets', ev('&a[b][c][d][e][f][g][h][i]=1'), 400],
  ['an unbalanced bracket', ev('&data[FIELDS[ID]=1'), 400],
  ['a key both value and group', ev('&data[FIELDS]=x'), 400],
  ['a non-numeric id', ev('', '12abc'), 400],
  ['an id in exponent notation', ev('', '1e3'), 400],
  ['a hex id', ev('', '0x1F'), 400],
  ['a decimal id', ev('', '12.0'), 400],
  ['an id with SQL', ev('', encodeURIComponent('1 OR 1=1')), 400],
  ['Arabic-Indic digits', ev('', encodeURIComponent('١٢٣')), 400],
  ['a 20-digit id', ev('', '12345678901234567890'), 400],
  ['id zero', ev('', '0'), 400],
  ['an array-valued id', `${ev('', '1')}&data[FIELDS][ID][]=2`, 400],
  ['a ts with letters', `${ev()}&ts=1e10`, 400],
  ['JSON with the right token', JSON.stringify({ event: 'ONCRMCONTACTUPDATE', data: { FIELDS: { ID: '1' } }, auth: { application_token: B24_TOKEN } }), 415],
  ['a body over 1 MB', ev(`&pad=${'x'.repeat(MB + 10)}`), 413],
];

describe('Bitrix24 webhooks that must be refused store nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: testConfig({ BITRIX24_APPLICATION_TOKEN: B24_TOKEN }) });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(WEBHOOK_REFUSED)('%s → %i', async (_name, body, status) => {
    const before = await snapshotDatabase(t.db);
    const headers = body.startsWith('{') ? { 'content-type': 'application/json' } : FORM;
    const res = await t.app.inject({ method: 'POST', url: '/bitrix24/webhook', headers, payload: body });
    expectJsonError(res, status, [B24_TOKEN]);
    expect(await snapshotDatabase(t.db)).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['__proto__ keys', '&__proto__[polluted]=1&data[__proto__][polluted]=1'],
    ['constructor.prototype keys', '&constructor[prototype][polluted]=1'],
    ['duplicated unrelated keys', '&x=1&x=2&x=3'],
    ['exactly the 1000-field limit', Array.from({ length: 996 }, (_, i) => `&f${i}=1`).join('')],
    ['template and markup text in ignored fields', `&data[FIELDS][NAME]=${encodeURIComponent('${7*7}{{7*7}}<script>')}`],
  ])('%s are plain data: stored once, nothing polluted', async (_name, extra) => {
    const id = String(5000 + Math.floor(Math.random() * 1e6));
    const before = await t.db.getRepository(B24EventEntity).count();
    const res = await t.app.inject({ method: 'POST', url: '/bitrix24/webhook', headers: FORM, payload: ev(extra, id) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'queued' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(await t.db.getRepository(B24EventEntity).countBy({ b24Id: id })).toBe(1);
    expect(await t.db.getRepository(B24EventEntity).count()).toBe(before + 1);
  });

  it('a replayed delivery is stored once', async () => {
    const body = ev('', '777777');
    expect((await t.app.inject({ method: 'POST', url: '/bitrix24/webhook', headers: FORM, payload: body })).json()).toEqual({ status: 'queued' });
    const before = await snapshotDatabase(t.db);
    for (let i = 0; i < 3; i += 1) {
      expect((await t.app.inject({ method: 'POST', url: '/bitrix24/webhook', headers: FORM, payload: body })).json()).toEqual({ status: 'duplicate' });
    }
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('the largest accepted id (19 digits) round-trips as text, not a rounded number', async () => {
    const id = '9223372036854775807';
    expect((await t.app.inject({ method: 'POST', url: '/bitrix24/webhook', headers: FORM, payload: ev('', id) })).json()).toEqual({ status: 'queued' });
    expect(await t.db.getRepository(B24EventEntity).findBy({ b24Id: id })).toMatchObject([{ b24Id: id }]);
  });

  it('a 10 000-character event name is ignored, not stored', async () => {
    const before = await snapshotDatabase(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/bitrix24/webhook',
      headers: FORM,
      payload: ev().replace('ONCRMCONTACTUPDATE', 'X'.repeat(10_000)),
    });
    expect(res.json()).toEqual({ status: 'ignored' });
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });
});
