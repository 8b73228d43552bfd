import { toLatin1 } from '@qb-b24/qbxml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B24EventEntity } from '../../apps/connector/src/bitrix/b24-event.entity.js';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { SyncWatermarkEntity } from '../../apps/connector/src/sync/sync-watermark.entity.js';
import { expectJsonError, expectNoLeak, expectSoapClientFault } from '../support/hostile-http.js';
import { deepNesting, HOSTILE_STRINGS, manyAttributes, rawEnvelope, rawOp } from '../support/hostile-inputs.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { startHarness, type Harness } from '../support/sync-harness.js';
import { snapshotDatabase, startTestApp, testConfig, TEST_ADMIN_TOKEN, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const MB = 1024 * 1024;
const XML = 'text/xml; charset=utf-8';

async function soapCall(t: TestApp, op: string, params: Record<string, string | number> = {}, remoteAddress?: string): Promise<string | string[]> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/qbwc',
    headers: soapHeaders(op),
    payload: soapEnvelope(op, params),
    ...(remoteAddress ? { remoteAddress } : {}),
  });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expectNoLeak(res);
  return readResult(op, res.body);
}

async function login(t: TestApp, password = TEST_PASSWORD, remoteAddress?: string): Promise<[string, string]> {
  const r = await soapCall(t, 'authenticate', { strUserName: 'qbconnector', strPassword: password }, remoteAddress);
  if (!Array.isArray(r)) throw new Error('authenticate did not answer a string array');
  return [r[0] ?? '', r[1] ?? ''];
}

// ---------------------------------------------------------------------------------------------------
// 1. The SOAP endpoint: malformed envelopes, XXE, entity expansion, size, content types, charsets.
// ---------------------------------------------------------------------------------------------------

interface SoapCase {
  readonly name: string;
  readonly body: string | Buffer;
  readonly contentType?: string | null;
  readonly url?: string;
}

const VALID = soapEnvelope('authenticate', { strUserName: 'qbconnector', strPassword: 'x' });
const DTD_BODY = rawOp('authenticate', '<strUserName>&xxe;</strUserName><strPassword>x</strPassword>');

const SOAP_FAULT_CASES: readonly SoapCase[] = [
  // malformed and truncated
  { name: 'only whitespace', body: '   \n\t ' },
  { name: 'XML declaration only', body: '<?xml version="1.0"?>' },
  ...[10, 40, 80, 160, VALID.length - 1].map((n) => ({ name: `envelope truncated to ${n} bytes`, body: VALID.slice(0, n) })),
  { name: 'unescaped ampersand', body: rawEnvelope(rawOp('serverVersion', '<strVersion>A & B</strVersion>')) },
  { name: 'unescaped < in text', body: rawEnvelope(rawOp('serverVersion', '<strVersion>a < b</strVersion>')) },
  { name: 'unquoted attribute', body: rawEnvelope(rawOp('serverVersion', '', ' foo=bar')) },
  { name: 'duplicate attribute', body: rawEnvelope(rawOp('serverVersion', '', ' a="1" a="2"')) },
  { name: 'unterminated CDATA', body: rawEnvelope(rawOp('serverVersion', '<strVersion><![CDATA[abc</strVersion>')) },
  { name: 'unterminated comment', body: rawEnvelope(rawOp('serverVersion', '<!-- abc')) },
  { name: 'garbage after the root', body: `${VALID}garbage` },
  { name: 'SOAP header only, body missing its operation', body: rawEnvelope('<soap:Header/>') },
  // XXE and DTD tricks: every DOCTYPE is refused before parsing
  { name: 'XXE external entity (SYSTEM file)', body: rawEnvelope(DTD_BODY, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>') },
  { name: 'XXE external entity (http)', body: rawEnvelope(DTD_BODY, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "http://127.0.0.1:1/x">]>') },
  {
    name: 'XXE parameter entity',
    body: rawEnvelope(DTD_BODY, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p; <!ENTITY xxe "x">]>'),
  },
  { name: 'PUBLIC doctype', body: rawEnvelope(rawOp('serverVersion', ''), '<!DOCTYPE soap:Envelope PUBLIC "-//X//DTD X//EN" "http://127.0.0.1:1/x.dtd">') },
  { name: 'SYSTEM doctype without internal subset', body: rawEnvelope(rawOp('serverVersion', ''), '<!DOCTYPE soap:Envelope SYSTEM "file:///etc/passwd">') },
  { name: 'doctype after the XML declaration with odd spacing', body: rawEnvelope(rawOp('serverVersion', ''), '<?xml version="1.0"?>\n  <!DOCTYPE   x>') },
  {
    name: 'billion laughs (nine levels)',
    body: rawEnvelope(
      rawOp('serverVersion', '<strVersion>&l9;</strVersion>'),
      `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY l0 "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('')}]>`,
    ),
  },
  {
    name: 'quadratic blowup (one 50 kB entity used 2000 times)',
    body: rawEnvelope(rawOp('serverVersion', `<strVersion>${'&a;'.repeat(2000)}</strVersion>`), `<!DOCTYPE q [<!ENTITY a "${'x'.repeat(50_000)}">]>`),
  },
  // size
  { name: 'body just over QBWC_MAX_BODY_MB', body: rawEnvelope(rawOp('serverVersion', `<strVersion>${'A'.repeat(MB)}</strVersion>`)) },
  { name: 'body of 3 MB', body: rawEnvelope(rawOp('serverVersion', `<strVersion>${'A'.repeat(3 * MB)}</strVersion>`)) },
  { name: '10 000 levels of nesting', body: rawEnvelope(rawOp('serverVersion', deepNesting(10_000))) },
  // wrong content types
  { name: 'application/json', body: '{"serverVersion":{}}', contentType: 'application/json' },
  { name: 'text/plain carrying a valid envelope', body: soapEnvelope('serverVersion'), contentType: 'text/plain' },
  { name: 'form-encoded', body: 'strUserName=qbconnector&strPassword=x', contentType: 'application/x-www-form-urlencoded' },
  { name: 'multipart', body: '--b\r\n\r\nx\r\n--b--', contentType: 'multipart/form-data; boundary=b' },
  { name: 'no content type', body: soapEnvelope('serverVersion'), contentType: null },
  { name: 'a lookalike type text/xml-evil', body: soapEnvelope('serverVersion'), contentType: 'text/xml-evil' },
  // charsets
  {
    name: 'UTF-16LE with BOM',
    body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(soapEnvelope('serverVersion').replace('utf-8', 'utf-16'), 'utf16le')]),
  },
  // method confusion on the SOAP paths
];

const METHOD_CASES = ['PUT', 'DELETE', 'PATCH'] as const;

describe('hostile SOAP requests get a SOAP Client fault and change nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ config: testConfig({ QBWC_MAX_BODY_MB: '1' }), provider: new ScriptedProvider([CUSTOMER_QUERY]) });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(SOAP_FAULT_CASES)('$name', async (c) => {
    const before = await snapshotDatabase(t.db);
    const headers: Record<string, string> = { soapaction: '"http://developer.intuit.com/serverVersion"' };
    if (c.contentType !== null) headers['content-type'] = c.contentType ?? XML;
    const res = await t.app.inject({ method: 'POST', url: c.url ?? '/qbwc', headers, payload: c.body });
    const text = expectSoapClientFault(res);
    expect(text).not.toMatch(/lollol|xxxxxxxxxx/);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it.each(METHOD_CASES.flatMap((m) => ['/qbwc', '/soap'].map((url) => ({ m, url }))))('$m $url answers a fault, not JSON', async ({ m, url }) => {
    const before = await snapshotDatabase(t.db);
    const res = await t.app.inject({ method: m, url, headers: soapHeaders('authenticate'), payload: VALID });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(String(res.headers['content-type'])).toContain('text/xml');
    expectNoLeak(res);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('an xi:include in a credential is plain data: nvu, nothing read from disk', async () => {
    const body = rawEnvelope(
      rawOp(
        'authenticate',
        '<strUserName><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd" parse="text"/></strUserName><strPassword>x</strPassword>',
      ),
    );
    const res = await t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('authenticate'), payload: body });
    expectNoLeak(res);
    if (res.statusCode === 200) expect(readResult('authenticate', res.body)).toEqual(['', 'nvu']);
    else expectSoapClientFault(res);
    expect(await t.db.query('SELECT * FROM "qbwc_session"')).toEqual([]);
  });

  it('10 000 attributes on the operation element are ignored or refused, never crash', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('serverVersion'),
      payload: rawEnvelope(rawOp('serverVersion', '', manyAttributes(10_000))),
    });
    expectNoLeak(res);
    if (res.statusCode === 200) expect(readResult('serverVersion', res.body)).toMatch(/qb-bitrix24-connector/);
    else expectSoapClientFault(res);
  });

  it('NUL bytes between elements (not legal XML 1.0) are refused or read as a harmless wrong password', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('authenticate'),
      payload: VALID.replace('<soap:Body>', '<soap:Body>\u0000\u0000'),
    });
    expectNoLeak(res);
    if (res.statusCode === 200) expect(readResult('authenticate', res.body)).toEqual(['', 'nvu']);
    else expectSoapClientFault(res);
  });

  it('invalid UTF-8 in a password is just a wrong password', async () => {
    const head = Buffer.from(rawEnvelope(rawOp('authenticate', '<strUserName>qbconnector</strUserName><strPassword>PLACEHOLDER</strPassword>')));
    const [a, b] = head.toString('latin1').split('PLACEHOLDER');
    const body = Buffer.concat([Buffer.from(a ?? '', 'latin1'), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xa0]), Buffer.from(b ?? '', 'latin1')]);
    const res = await t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('authenticate'), payload: body });
    expectNoLeak(res);
    if (res.statusCode === 200) expect(readResult('authenticate', res.body)).toEqual(['', 'nvu']);
    else expectSoapClientFault(res);
  });

  it.each([
    ['names another operation', '"http://developer.intuit.com/closeConnection"'],
    ['is empty', '""'],
    ['points at a foreign namespace', '"urn:evil#dropAllTables"'],
  ])('a SOAPAction that %s: the body decides, and serverVersion stays harmless', async (_n, action) => {
    const before = await snapshotDatabase(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: { 'content-type': XML, soapaction: action },
      payload: soapEnvelope('serverVersion'),
    });
    expectNoLeak(res);
    if (res.statusCode === 200) expect(readResult('serverVersion', res.body)).toMatch(/qb-bitrix24-connector/);
    else expectSoapClientFault(res);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('a SOAPAction saying authenticate on a closeConnection body does not open a session', async () => {
    const before = await snapshotDatabase(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('authenticate'),
      payload: soapEnvelope('closeConnection', { ticket: '00000000-0000-0000-0000-000000000000' }),
    });
    expectNoLeak(res);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------
// 2. Tickets and passwords.
// ---------------------------------------------------------------------------------------------------

describe('tickets that are not ours', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['unknown', '00000000-0000-0000-0000-000000000000'],
    ['forged (random uuid)', '6f1c2a9e-7b3d-4e5f-8a9b-0c1d2e3f4a5b'],
    ['empty', ''],
    ['SQL injection', "' OR '1'='1' --"],
    ['10 000 characters', 'f'.repeat(10_000)],
    ['a ticket-hash lookalike (64 hex)', 'a'.repeat(64)],
    ['Unicode', 'тикет-😀'],
  ])('%s ticket: sendRequestXML "", receiveResponseXML negative, nothing stored', async (_n, ticket) => {
    const before = await snapshotDatabase(t.db);
    expect(await soapCall(t, 'sendRequestXML', { ticket, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
    expect(Number(await soapCall(t, 'receiveResponseXML', { ticket, response: '<QBXML/>', hresult: '', message: '' }))).toBeLessThan(0);
    expect(await soapCall(t, 'getLastError', { ticket })).toMatch(/Unknown or expired/);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('an expired ticket is refused and the next authenticate works', async () => {
    const [ticket, status] = await login(t);
    expect(status).toMatch(/\.QBW$/);
    t.clock.advance(31 * 60_000);
    expect(await soapCall(t, 'sendRequestXML', { ticket, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
    expect(Number(await soapCall(t, 'receiveResponseXML', { ticket, response: '<QBXML/>', hresult: '', message: '' }))).toBeLessThan(0);
    const [next] = await login(t);
    expect(next).not.toBe(ticket);
    await soapCall(t, 'closeConnection', { ticket: next });
  });

  it('a ticket cannot be reused after closeConnection, by any operation', async () => {
    const [ticket] = await login(t);
    expect(await soapCall(t, 'closeConnection', { ticket })).toMatch(/^OK/);
    const before = await snapshotDatabase(t.db);
    expect(await soapCall(t, 'sendRequestXML', { ticket, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
    expect(Number(await soapCall(t, 'receiveResponseXML', { ticket, response: '<QBXML/>', hresult: '', message: '' }))).toBeLessThan(0);
    expect(await soapCall(t, 'connectionError', { ticket, hresult: '0x80040408', message: 'x' })).toBe('done');
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('a ticket with different case or whitespace is not the same ticket', async () => {
    const [ticket] = await login(t);
    for (const variant of [ticket.toUpperCase(), ` ${ticket} `, `${ticket}\u0000`]) {
      expect(await soapCall(t, 'sendRequestXML', { ticket: variant, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
    }
    await soapCall(t, 'closeConnection', { ticket });
  });
});

describe('password guessing', () => {
  it('guessing from one address is logged by address, and the right password from that address still gets in', async () => {
    const t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const logged: string[] = [];
    const capture = (m: unknown): void => void logged.push(JSON.stringify(m));
    t.app.useLogger({ log: capture, warn: capture, error: capture, debug: capture, verbose: capture });
    try {
      const attacker = '203.0.113.7';
      for (let i = 0; i < 5; i += 1) expect((await login(t, `guess-number-${i}-xyz`, attacker))[1]).toBe('nvu');
      // Behind a reverse proxy the owner may share the guesser's address: the right password is never refused.
      const [, status] = await login(t, TEST_PASSWORD, attacker);
      expect(status).toMatch(/\.QBW$/);
      // the failures are audited in the log, by address and never with the password
      expect(logged.some((l) => l.includes('qbwc.auth_failed') && l.includes(attacker) && l.includes('"failures":5'))).toBe(true);
      expect(logged.join('\n')).not.toContain(TEST_PASSWORD);
      expect(logged.join('\n')).not.toContain('guess-number-');
    } finally {
      await t.close();
    }
  });
});

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
