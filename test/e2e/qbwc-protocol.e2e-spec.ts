import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readResult, readFault, soapEnvelope, soapHeaders } from '../support/soap.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { snapshotDatabase, startTestApp, tempDataDir, testConfig, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const COMPANY = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW';
let t: TestApp | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const c of cleanups.splice(0)) c();
});

async function call(app: TestApp, op: string, params: Record<string, string | number> = {}, prefix = 'soap') {
  const res = await app.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders(op), payload: soapEnvelope(op, params, prefix) });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('text/xml');
  return readResult(op, res.body);
}

async function login(app: TestApp, password = TEST_PASSWORD): Promise<string[]> {
  const r = await call(app, 'authenticate', { strUserName: 'qbconnector', strPassword: password });
  expect(Array.isArray(r)).toBe(true);
  return r as string[];
}

describe('authenticate outcomes', () => {
  it('valid credentials with work answer a fresh ticket and the configured company file', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const [ticket, status] = await login(t);
    expect(ticket).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(status).toBe(COMPANY);
    expect(ticket).toBeDefined();
    await call(t, 'closeConnection', { ticket: ticket ?? '' });
    const [again] = await login(t);
    expect(again).not.toBe(ticket);
  });

  it('a wrong password answers nvu with no ticket', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    expect(await login(t, 'wrong-password-123')).toEqual(['', 'nvu']);
  });

  it('a wrong user name answers nvu', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const r = await call(t, 'authenticate', { strUserName: 'someone', strPassword: TEST_PASSWORD });
    expect(r).toEqual(['', 'nvu']);
  });

  it('missing credentials answer nvu, not a fault', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    expect(await call(t, 'authenticate')).toEqual(['', 'nvu']);
  });

  it('no queued work answers none', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([], false) });
    const [ticket = '', status] = await login(t);
    expect(status).toBe('none');
    expect(await call(t, 'closeConnection', { ticket })).toBe('OK');
  });

  it('a second session while one is open answers busy', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    await login(t);
    const [, status] = await login(t);
    expect(status).toBe('busy');
  });

  it('an abandoned session expires after the idle timeout and no longer blocks', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const [first] = await login(t);
    t.clock.advance(31 * 60_000);
    const [, status] = await login(t);
    expect(status).toBe(COMPANY);
    expect(await call(t, 'sendRequestXML', { ticket: first ?? '', qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
  });

  it('with a one-minute session timeout, a session silent for 61 s no longer makes the next run busy', async () => {
    t = await startTestApp({ config: testConfig({ QBWC_SESSION_TIMEOUT_MINUTES: '1' }), provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    await login(t);
    t.clock.advance(61_000);
    expect((await login(t))[1]).toBe(COMPANY);
  });

  it('five wrong passwords do not lock the right one out (test/e2e/auth-throttle.e2e-spec.ts has the delays)', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    for (let i = 0; i < 5; i += 1) expect((await login(t, `bad-password-${i}xx`))[1]).toBe('nvu');
    expect((await login(t))[1]).toBe(COMPANY);
  });
});

describe('a full session', () => {
  it('runs serverVersion → clientVersion → authenticate → send → receive → getLastError → close', async () => {
    const provider = new ScriptedProvider([CUSTOMER_QUERY]);
    t = await startTestApp({ provider });
    expect(await call(t, 'serverVersion')).toMatch(/^qb-bitrix24-connector /);
    expect(await call(t, 'clientVersion', { strVersion: '2.3.0.215' })).toBe('');
    const [ticket] = await login(t);
    const rq = await call(t, 'sendRequestXML', {
      ticket: ticket ?? '',
      strHCPResponse: '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs/></QBXML>',
      strCompanyFileName: COMPANY,
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    expect(rq).toBe(CUSTOMER_QUERY);
    expect(provider.hostResponses).toHaveLength(1);
    const progress = await call(t, 'receiveResponseXML', { ticket: ticket ?? '', response: '<?xml version="1.0" ?><QBXML/>', hresult: '', message: '' });
    expect(progress).toBe('100');
    expect(await call(t, 'getLastError', { ticket: ticket ?? '' })).toBe('');
    expect(await call(t, 'closeConnection', { ticket: ticket ?? '' })).toBe('OK: 1 exchanges with QuickBooks');
    expect(provider.ended).toEqual(['closed']);
  });

  it('a QuickBooks HRESULT makes receiveResponseXML negative and getLastError explains it', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const [ticket = ''] = await login(t);
    await call(t, 'sendRequestXML', { ticket, qbXMLMajorVers: 13, qbXMLMinorVers: 0 });
    const r = await call(t, 'receiveResponseXML', {
      ticket,
      response: '',
      hresult: '0x80040400',
      message: 'QuickBooks found an error when parsing the provided XML text stream.',
    });
    expect(Number(r)).toBeLessThan(0);
    expect(await call(t, 'getLastError', { ticket })).toContain('0x80040400');
  });

  it('connectionError answers done and ends the session', async () => {
    const provider = new ScriptedProvider([CUSTOMER_QUERY]);
    t = await startTestApp({ provider });
    const [ticket = ''] = await login(t);
    expect(await call(t, 'connectionError', { ticket, hresult: '0x80040408', message: 'Could not start QuickBooks.' })).toBe('done');
    expect(provider.ended).toEqual(['connection-error']);
    expect(await call(t, 'getLastError', { ticket })).toContain('0x80040408');
  });

  it('the interactive operations answer without faulting', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    expect(await call(t, 'getInteractiveURL', { wcTicket: 'x', sessionID: 'y' })).toBe('');
    expect(await call(t, 'interactiveDone', { wcTicket: 'x' })).toBe('Done');
    expect(typeof (await call(t, 'interactiveRejected', { wcTicket: 'x', reason: 'no' }))).toBe('string');
  });
});

describe('ticket misuse', () => {
  it('an unknown ticket gets "" from sendRequestXML, a negative receiveResponseXML and an explanation', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const ticket = '00000000-0000-0000-0000-000000000000';
    expect(await call(t, 'sendRequestXML', { ticket, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
    expect(Number(await call(t, 'receiveResponseXML', { ticket, response: '<QBXML/>' }))).toBeLessThan(0);
    expect(await call(t, 'getLastError', { ticket })).toMatch(/Unknown or expired/);
    expect(await call(t, 'closeConnection', { ticket })).toBe('OK');
  });

  it('a closed ticket cannot be reused', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY, CUSTOMER_QUERY]) });
    const [ticket = ''] = await login(t);
    await call(t, 'closeConnection', { ticket });
    expect(await call(t, 'sendRequestXML', { ticket, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
  });

  it('a ticket from a nvu answer is empty and useless', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const [ticket = 'x'] = await login(t, 'nope-nope-nope-1');
    expect(await call(t, 'sendRequestXML', { ticket, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
  });
});

describe('restart mid-session', () => {
  it('a session survives a service restart between sendRequestXML and receiveResponseXML', async () => {
    const data = tempDataDir();
    cleanups.push(data.cleanup);
    const config = testConfig({ DATABASE_URL: `sqlite:${path.join(data.dir, 'c.sqlite')}` });
    const provider = new ScriptedProvider([CUSTOMER_QUERY]);
    t = await startTestApp({ config, provider });
    const [ticket = ''] = await login(t);
    expect(await call(t, 'sendRequestXML', { ticket, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe(CUSTOMER_QUERY);
    await t.close();
    t = await startTestApp({ config, provider });
    expect(await call(t, 'receiveResponseXML', { ticket, response: '<?xml version="1.0" ?><QBXML/>' })).toBe('100');
    expect(await call(t, 'closeConnection', { ticket })).toMatch(/^OK/);
  });
});

describe('HTTP surface', () => {
  it('serves the WSDL with soap:address at PUBLIC_URL and the requested path', async () => {
    t = await startTestApp({ config: testConfig({ PUBLIC_URL: 'https://connector.example.com:8443' }) });
    for (const p of ['/soap', '/qbwc', '/qbwc/']) {
      const res = await t.app.inject({ method: 'GET', url: `${p}?wsdl`, headers: { host: 'connector.example.com:8443' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`location="https://connector.example.com:8443${p}"`);
      expect(res.body).toContain('name="receiveResponseXML"');
    }
  });

  it('answers 200 to a plain GET of the endpoint', async () => {
    t = await startTestApp();
    expect((await t.app.inject({ method: 'GET', url: '/soap' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/qbwc/' })).statusCode).toBe(200);
  });

  it('accepts other SOAP prefixes and a trailing slash', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const res = await t.app.inject({
      method: 'POST',
      url: '/soap/',
      headers: soapHeaders('clientVersion'),
      payload: soapEnvelope('clientVersion', { strVersion: '2.3.0.215' }, 'SOAP-ENV'),
    });
    expect(res.statusCode).toBe(200);
    expect(readResult('clientVersion', res.body)).toBe('');
  });

  it('/health and /status report from the database', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    await login(t);
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'degraded', checks: { database: { status: 'ok' } } });
    const status = (await t.app.inject({ method: 'GET', url: '/status' })).json<Record<string, unknown>>();
    for (const key of ['status', 'version', 'active_sessions', 'id_mappings', 'syncs_last_24h', 'pending_queue', 'bitrix24_configured']) {
      expect(status).toHaveProperty(key);
    }
    expect(status['active_sessions']).toBe(1);
  });
});

const BAD_INPUTS: { name: string; body: string; contentType?: string }[] = [
  { name: 'empty body', body: '' },
  { name: 'not XML', body: 'hello' },
  { name: 'truncated envelope', body: soapEnvelope('authenticate', { strUserName: 'a' }).slice(0, 120) },
  { name: 'unclosed tags', body: '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' },
  { name: 'JSON body', body: '{"authenticate":1}', contentType: 'application/json' },
  { name: 'plain text content type', body: soapEnvelope('serverVersion'), contentType: 'text/plain' },
  { name: 'root is not an Envelope', body: '<Envelope><Body><authenticate xmlns="http://developer.intuit.com/"/></Body></Envelope>' },
  {
    name: 'SOAP 1.2 envelope namespace',
    body: '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><serverVersion xmlns="http://developer.intuit.com/"/></e:Body></e:Envelope>',
  },
  { name: 'no Body', body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/></s:Envelope>' },
  { name: 'empty Body', body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>' },
  { name: 'unknown operation', body: soapEnvelope('dropAllTables') },
  {
    name: 'operation in a wrong namespace',
    body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><authenticate xmlns="urn:evil"><strUserName>a</strUserName></authenticate></s:Body></s:Envelope>',
  },
  {
    name: 'operation without namespace',
    body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><serverVersion/></s:Body></s:Envelope>',
  },
  {
    name: 'XXE external entity',
    body: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><authenticate xmlns="http://developer.intuit.com/"><strUserName>&xxe;</strUserName></authenticate></s:Body></s:Envelope>',
  },
  {
    name: 'billion laughs',
    body: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><serverVersion xmlns="http://developer.intuit.com/"><strVersion>&lol3;</strVersion></serverVersion></s:Body></s:Envelope>`,
  },
  {
    name: 'lower-case doctype',
    body: '<!doctype x><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><serverVersion xmlns="http://developer.intuit.com/"/></s:Body></s:Envelope>',
  },
  { name: 'non-integer qbXMLMajorVers', body: soapEnvelope('sendRequestXML', { ticket: 'x', qbXMLMajorVers: 'thirteen', qbXMLMinorVers: 0 }) },
  { name: 'mismatched tags', body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><a></b></s:Body></s:Envelope>' },
  { name: 'undeclared prefix', body: '<x:Envelope><x:Body/></x:Envelope>' },
  { name: 'two root elements', body: `${soapEnvelope('serverVersion')}<extra/>`.replace(/^<\?xml[^>]*>/, '') },
  { name: 'binary garbage', body: '\u0000\u0001\u0002\u00ff<<<>>>' },
  {
    name: 'oversized body',
    body: `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><serverVersion xmlns="http://developer.intuit.com/"><strVersion>${'A'.repeat(2 * 1024 * 1024)}</strVersion></serverVersion></s:Body></s:Envelope>`,
  },
];

describe('bad input gets a SOAP Fault and changes nothing', () => {
  it.each(BAD_INPUTS)('$name', async (bad) => {
    t = await startTestApp({ config: testConfig({ QBWC_MAX_BODY_MB: '1' }), provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const [ticket = ''] = await login(t);
    const before = await snapshotDatabase(t.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: { ...soapHeaders('authenticate'), 'content-type': bad.contentType ?? 'text/xml; charset=utf-8' },
      payload: bad.body,
    });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('text/xml');
    const fault = readFault(res.body);
    expect(fault?.code).toBe('soap:Client');
    expect(res.body).not.toMatch(/at .*\.(js|ts):\d+/);
    expect(res.body).not.toContain('root:');
    expect(await snapshotDatabase(t.db)).toEqual(before);
    // the session is still usable afterwards
    expect(await call(t, 'getLastError', { ticket })).toBe('');
  });
});
