import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoLeak, expectSoapClientFault } from '../support/hostile-http.js';
import { deepNesting, manyAttributes, rawEnvelope, rawOp } from '../support/hostile-inputs.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { snapshotDatabase, startTestApp, testConfig, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { MB, XML, soapCall, login } from '../support/hostile-soap-call.js';

// Hostile input, part 1 of 3 (hostile-qbxml-webhooks and hostile-admin-text hold the rest): the SOAP endpoint.

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
