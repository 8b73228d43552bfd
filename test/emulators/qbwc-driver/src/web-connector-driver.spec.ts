import { afterEach, describe, expect, it } from 'vitest';
import {
  authAnswer,
  faultAnswer,
  intAnswer,
  QBWC_NS,
  SOAP_ENV_NS,
  scriptedService,
  startScriptedServer,
  stringAnswer,
  type Handler,
  type ScriptedServer,
} from './__tests__/scripted-qbwc-server.js';
import { COMPANY_PATH, CUSTOMER_QUERY, CUSTOMER_RESPONSE, FakeCompany, PARSE_ERROR_HRESULT, PARSE_ERROR_MESSAGE } from './__tests__/fake-company.js';
import { NOOP_PAUSE_MS, WebConnectorDriver, type WebConnectorDriverOptions } from './web-connector-driver.js';

const OWNER_ID = '{87EDAAF8-637E-4203-867F-4BA79C2F8998}';
const FILE_ID = '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}';
const PASSWORD = 'S3cret-Pa55word!';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(handler: Handler, overrides: Partial<WebConnectorDriverOptions> = {}) {
  server = await startScriptedServer(handler);
  const company = new FakeCompany();
  const sleeps: number[] = [];
  const driver = new WebConnectorDriver({
    appUrl: server.url,
    username: 'qbconnector',
    password: PASSWORD,
    processor: company,
    ownerId: OWNER_ID,
    fileId: FILE_ID,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
  });
  return { server, company, driver, sleeps, ops: () => server?.calls.filter((c) => c.method === 'POST').map((c) => c.op) ?? [] };
}

describe('WebConnectorDriver transport (checklist 1-3)', () => {
  it('posts every call with text/xml utf-8 and a quoted intuit SOAPAction', async () => {
    const { driver, server } = await setup(scriptedService({ requests: [CUSTOMER_QUERY] }));
    await driver.runSession();
    expect(server.calls.map((c) => c.op)).toEqual([
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'closeConnection',
    ]);
    for (const call of server.calls) {
      expect(call.method).toBe('POST');
      expect(call.url).toBe('/qbwc');
      expect(call.contentType).toBe('text/xml; charset=utf-8');
      expect(call.soapAction).toBe(`"http://developer.intuit.com/${call.op}"`);
    }
  });

  it('wraps calls in a SOAP 1.1 envelope with operation and children in the intuit namespace and no Header', async () => {
    const { driver, server } = await setup(scriptedService({ requests: [CUSTOMER_QUERY] }));
    await driver.runSession();
    for (const call of server.calls) {
      expect(call.envelopeName).toBe(`{${SOAP_ENV_NS}}Envelope`);
      expect(call.hasHeader).toBe(false);
      expect(call.bodyChildNames).toEqual([`{${QBWC_NS}}${call.op}`]);
      expect(call.foreignParams).toEqual([]);
    }
  });

  it('varies envelope prefixes and whitespace between runs in random style', async () => {
    const randoms = [0.1, 0.9, 0.5, 0.1, 0.9, 0.7];
    const { driver, server } = await setup(scriptedService(), { envelopeStyle: 'random', random: () => randoms.shift() ?? 0 });
    const styles = [];
    for (let i = 0; i < 3; i++) styles.push((await driver.runSession()).envelope);
    expect(styles).toEqual([
      { style: 'soap', pretty: false },
      { style: 'SOAP-ENV', pretty: true },
      { style: 'default', pretty: false },
    ]);
    const authCalls = server.calls.filter((c) => c.op === 'authenticate');
    expect(authCalls[0]?.body).toContain('<soap:Envelope');
    expect(authCalls[1]?.body).toContain('<SOAP-ENV:Envelope');
    expect(authCalls[1]?.body).toContain('\n  ');
    expect(authCalls[2]?.body).toContain('<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"');
    // Whatever the prefix, the server sees the same namespaced call.
    expect(new Set(authCalls.map((c) => JSON.stringify(c.params))).size).toBe(1);
  });
});

describe('version check (checklist 4-6)', () => {
  it('starts with an empty serverVersion, then clientVersion 2.3.0.215', async () => {
    const { driver, server } = await setup(scriptedService());
    const result = await driver.runSession();
    expect(server.calls[0]?.op).toBe('serverVersion');
    expect(server.calls[0]?.paramOrder).toEqual([]);
    expect(server.calls[1]?.op).toBe('clientVersion');
    expect(server.calls[1]?.params).toEqual({ strVersion: '2.3.0.215' });
    expect(result.serverVersion).toBe('1.0.0');
  });

  it.each([
    ['E:Upgrade your Web Connector', 'Upgrade your Web Connector', 'QBWC1037'],
    ['O:2.3.0.36', 'This application requires QBWC version 2.3.0.36', undefined],
  ])('stops before authenticate when clientVersion answers %s', async (answer, statusText, code) => {
    const { driver, ops } = await setup(scriptedService({ script: { clientVersion: () => stringAnswer('clientVersion', answer) } }));
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'version-stopped', statusText });
    expect(result.qbwcError).toBe(code);
    expect(ops()).toEqual(['serverVersion', 'clientVersion']);
  });

  it('continues after a W: warning, or stops when the user cancels it', async () => {
    const warn = { script: { clientVersion: () => stringAnswer('clientVersion', 'W:Please upgrade') } };
    const goOn = await setup(scriptedService(warn));
    expect((await goOn.driver.runSession()).outcome).toBe('completed');
    await goOn.server.close();
    server = undefined;
    const cancel = await setup(scriptedService(warn), { onClientVersionWarning: 'cancel' });
    const result = await cancel.driver.runSession();
    expect(result).toMatchObject({ outcome: 'version-stopped', qbwcError: 'QBWC1037' });
    expect(cancel.ops()).toEqual(['serverVersion', 'clientVersion']);
  });

  it('raises QBWC1046 for a clientVersion answer with bad syntax', async () => {
    const { driver, ops } = await setup(scriptedService({ script: { clientVersion: () => stringAnswer('clientVersion', 'OK') } }));
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1046' });
    expect(ops()).toEqual(['serverVersion', 'clientVersion']);
  });

  it('treats a missing clientVersionResult (null) as go on', async () => {
    const { driver } = await setup(scriptedService({ script: { clientVersion: () => stringAnswer('clientVersion', null) } }));
    expect((await driver.runSession()).outcome).toBe('completed');
  });
});

describe('authenticate (checklist 7-10, 25)', () => {
  it('sends the QWC user name and the configured password', async () => {
    const { driver, server } = await setup(scriptedService());
    await driver.runSession();
    const auth = server.calls.find((c) => c.op === 'authenticate');
    expect(auth?.paramOrder).toEqual(['strUserName', 'strPassword']);
    expect(auth?.params).toEqual({ strUserName: 'qbconnector', strPassword: PASSWORD });
  });

  it('raises QBWC1012 when the <string> items are in the WCF arrays namespace', async () => {
    const wcf = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
    const { driver, ops } = await setup(scriptedService({ script: { authenticate: () => authAnswer(['a3f1', 'nvu', '3', '60', '60'], wcf) } }));
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1012' });
    expect(ops()).toEqual(['serverVersion', 'clientVersion', 'authenticate']);
  });

  it('raises QBWC1012 when authenticate returns fewer than two strings', async () => {
    const { driver } = await setup(scriptedService({ script: { authenticate: () => authAnswer(['T-1']) } }));
    expect(await driver.runSession()).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1012' });
  });

  it.each([
    ['nvu', 'nvu'],
    ['NONE', 'none'],
    ['Busy', 'busy'],
  ] as const)('ends a run with status %s by calling closeConnection and records its text', async (status, outcome) => {
    const { driver, ops, company } = await setup(
      scriptedService({ script: { authenticate: () => authAnswer(['', status]), closeConnection: () => stringAnswer('closeConnection', 'Nothing to do') } }),
    );
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome, statusText: 'Nothing to do', rounds: 0 });
    expect(result.qbwcError).toBeUndefined();
    expect(ops()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
    expect(company.openedWith).toEqual([]);
  });

  it('records postpone seconds and ends the run without opening the company', async () => {
    const { driver, ops, company } = await setup(scriptedService({ script: { authenticate: () => authAnswer(['T-1', '', '60', '300']) } }));
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'postponed', postponeSeconds: 60, minimumRunEverySeconds: 300 });
    expect(company.openedWith).toEqual([]);
    expect(ops()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
  });

  it('records the minimum run interval and still runs the update', async () => {
    const { driver } = await setup(scriptedService({ script: { authenticate: () => authAnswer(['T-1', '', '', '300']) } }));
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'completed', minimumRunEverySeconds: 300 });
    expect(result.postponeSeconds).toBeUndefined();
  });
});

describe('opening the company (checklist 11-12)', () => {
  it('opens the currently open company for "" and the named file for a path (case-insensitive match)', async () => {
    const { driver, company } = await setup(scriptedService());
    await driver.runSession();
    expect(company.openedWith).toEqual(['']);
    await server?.close();
    const upper = await setup(scriptedService({ script: { authenticate: () => authAnswer(['T-1', COMPANY_PATH.toUpperCase()]) } }));
    expect((await upper.driver.runSession()).outcome).toBe('completed');
    expect(upper.company.openedWith).toEqual([COMPANY_PATH.toUpperCase()]);
  });

  it('calls connectionError with the hresult when the requested company does not match, and stops on DONE', async () => {
    const { driver, server, ops } = await setup(
      scriptedService({
        script: {
          authenticate: () => authAnswer(['T-1', 'C:\\Other\\Wrong.QBW']),
          connectionError: () => stringAnswer('connectionError', 'DONE'),
        },
      }),
    );
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'connection-error', qbwcError: 'QBWC1013' });
    expect(server.calls.find((c) => c.op === 'connectionError')?.params).toEqual({
      ticket: 'T-1',
      hresult: '0x80040408',
      message: 'Could not start QuickBooks.',
    });
    expect(ops()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'connectionError']);
  });

  it('retries the open with the path connectionError returns', async () => {
    const { driver, company } = await setup(
      scriptedService({
        script: {
          authenticate: () => authAnswer(['T-1', 'C:\\Other\\Wrong.QBW']),
          connectionError: () => stringAnswer('connectionError', COMPANY_PATH),
        },
      }),
    );
    const result = await driver.runSession();
    expect(result.outcome).toBe('completed');
    expect(company.openedWith).toEqual(['C:\\Other\\Wrong.QBW', COMPANY_PATH]);
  });

  it('gives up after maxConnectionAttempts when the server keeps asking for a retry', async () => {
    const { driver, company, server } = await setup(scriptedService({ script: { connectionError: () => stringAnswer('connectionError', '') } }), {
      maxConnectionAttempts: 3,
    });
    company.failNextOpens = 10;
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'connection-error', qbwcError: 'QBWC1013' });
    expect(company.openedWith).toEqual(['', '', '']);
    expect(server.calls.filter((c) => c.op === 'connectionError')).toHaveLength(3);
  });
});

describe('request/response rounds (checklist 13-22)', () => {
  it('passes strHCPResponse with the FileID data extension only on the first sendRequestXML', async () => {
    const { driver, server } = await setup(scriptedService({ requests: [CUSTOMER_QUERY, CUSTOMER_QUERY], percents: [50, 100] }));
    await driver.runSession();
    const sends = server.calls.filter((c) => c.op === 'sendRequestXML');
    expect(sends).toHaveLength(2);
    const hcp = sends[0]?.params.strHCPResponse ?? '';
    expect(hcp).toContain('<HostQueryRs requestID="0"');
    expect(hcp).toContain('<CompanyQueryRs requestID="1"');
    expect(hcp).toContain('<PreferencesQueryRs requestID="2"');
    expect(hcp).toContain(`<DataExtRet><OwnerID>${OWNER_ID}</OwnerID><DataExtName>FileID</DataExtName>`);
    expect(hcp).toContain(`<DataExtValue>${FILE_ID}</DataExtValue>`);
    expect(sends[1]?.params.strHCPResponse).toBe('');
  });

  it('sends company file, country and qbXML version as ints in WSDL order on every sendRequestXML', async () => {
    const { driver, server } = await setup(scriptedService({ requests: [CUSTOMER_QUERY, CUSTOMER_QUERY], percents: [50, 100] }), {
      qbXMLMajorVers: 16,
    });
    await driver.runSession();
    for (const call of server.calls.filter((c) => c.op === 'sendRequestXML')) {
      expect(call.paramOrder).toEqual(['ticket', 'strHCPResponse', 'strCompanyFileName', 'qbXMLCountry', 'qbXMLMajorVers', 'qbXMLMinorVers']);
      expect(call.params).toMatchObject({ ticket: 'T-1', strCompanyFileName: COMPANY_PATH, qbXMLCountry: 'US', qbXMLMajorVers: '16', qbXMLMinorVers: '0' });
    }
  });

  it('calls getLastError after "" and, on NoOp, waits 5 s on the injected clock and asks again', async () => {
    const { driver, ops, sleeps } = await setup(
      scriptedService({
        requests: ['NoOp', CUSTOMER_QUERY],
        script: { getLastError: (_call, nth) => stringAnswer('getLastError', nth === 1 ? 'NoOp' : 'unused') },
      }),
    );
    const result = await driver.runSession();
    expect(sleeps).toEqual([NOOP_PAUSE_MS]);
    expect(result).toMatchObject({ outcome: 'completed', rounds: 2, progress: [100] });
    expect(ops()).toEqual([
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'getLastError',
      'sendRequestXML',
      'receiveResponseXML',
      'closeConnection',
    ]);
  });

  it('records a final getLastError text and ends with closeConnection', async () => {
    const { driver, ops } = await setup(
      scriptedService({
        requests: [''],
        script: {
          getLastError: () => stringAnswer('getLastError', 'No jobs queued'),
          closeConnection: () => stringAnswer('closeConnection', 'Sync complete'),
        },
      }),
    );
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'completed', lastError: 'No jobs queued', statusText: 'Sync complete', rounds: 1 });
    expect(ops().slice(3)).toEqual(['sendRequestXML', 'getLastError', 'closeConnection']);
  });

  it('hands the unescaped qbXML to QuickBooks and returns its response escaped with empty hresult and message', async () => {
    const { driver, company, server } = await setup(scriptedService({ requests: [CUSTOMER_QUERY] }));
    await driver.runSession();
    expect(company.requests).toEqual([CUSTOMER_QUERY]);
    const receive = server.calls.find((c) => c.op === 'receiveResponseXML');
    expect(receive?.paramOrder).toEqual(['ticket', 'response', 'hresult', 'message']);
    expect(receive?.params).toEqual({ ticket: 'T-1', response: CUSTOMER_RESPONSE, hresult: '', message: '' });
    expect(receive?.body).toContain('Smith &amp;amp; Sons &amp;lt;West&amp;gt;');
  });

  it('reports a qbXML parse failure with empty response and hresult 0x80040400', async () => {
    const { driver, server } = await setup(scriptedService({ requests: ['<QBXML><not closed>'], percents: [-1] }));
    const result = await driver.runSession();
    expect(server.calls.find((c) => c.op === 'receiveResponseXML')?.params).toEqual({
      ticket: 'T-1',
      response: '',
      hresult: PARSE_ERROR_HRESULT,
      message: PARSE_ERROR_MESSAGE,
    });
    expect(result.outcome).toBe('error');
  });

  it.each(['50.5', 'abc', ''])('raises QBWC1042 when receiveResponseXMLResult is %j', async (bad) => {
    const { driver, ops } = await setup(
      scriptedService({ requests: [CUSTOMER_QUERY], script: { receiveResponseXML: () => intAnswer('receiveResponseXML', bad) } }),
    );
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1042' });
    expect(ops().at(-1)).toBe('receiveResponseXML');
  });

  it('loops on 0..99, closes on 100 and records the progress', async () => {
    const { driver, ops } = await setup(
      scriptedService({ requests: [CUSTOMER_QUERY, CUSTOMER_QUERY, CUSTOMER_QUERY, CUSTOMER_QUERY], percents: [0, 33, 99, 100] }),
    );
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'completed', rounds: 4, progress: [0, 33, 99, 100], statusText: 'OK' });
    expect(ops().filter((op) => op === 'closeConnection')).toHaveLength(1);
  });

  it('calls getLastError then closeConnection after a negative receiveResponseXML', async () => {
    const { driver, ops } = await setup(
      scriptedService({
        requests: [CUSTOMER_QUERY],
        percents: [-101],
        script: { getLastError: () => stringAnswer('getLastError', 'Customer rejected: 3100') },
      }),
    );
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'error', lastError: 'Customer rejected: 3100', statusText: 'OK', progress: [-101] });
    expect(result.qbwcError).toBeUndefined();
    expect(ops().slice(3)).toEqual(['sendRequestXML', 'receiveResponseXML', 'getLastError', 'closeConnection']);
  });

  it('keeps one call in flight and the same ticket for the whole session', async () => {
    const { driver, server } = await setup(scriptedService({ requests: [CUSTOMER_QUERY, CUSTOMER_QUERY, CUSTOMER_QUERY], percents: [30, 60, 100] }));
    await driver.runSession();
    expect(server.maxInFlight()).toBe(1);
    const tickets = new Set(server.calls.filter((c) => 'ticket' in c.params).map((c) => c.params.ticket));
    expect([...tickets]).toEqual(['T-1']);
  });

  it('releases the QuickBooks session once per opened run', async () => {
    const { driver, company } = await setup(scriptedService({ requests: [CUSTOMER_QUERY] }));
    await driver.runSession();
    expect(company.closeSessionCalls).toBe(1);
  });
});

describe('failures become QBWC errors (checklist 23-24)', () => {
  it.each([
    ['clientVersion', 'QBWC1036'],
    ['authenticate', 'QBWC1012'],
    ['sendRequestXML', 'QBWC1041'],
    ['receiveResponseXML', 'QBWC1042'],
    ['closeConnection', 'QBWC1044'],
  ] as const)('a SOAP fault from %s aborts the run with %s', async (op, code) => {
    const { driver, ops } = await setup(scriptedService({ requests: [CUSTOMER_QUERY], script: { [op]: () => faultAnswer('boom') } }));
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'error', qbwcError: code });
    expect(result.statusText).toContain('boom');
    expect(ops().at(-1)).toBe(op);
    expect(result.transcript.at(-1)?.fault).toEqual({ code: 'soap:Server', message: 'boom' });
  });

  it('maps a getLastError HTTP 500 to QBWC1043 and a connectionError one to QBWC1045', async () => {
    const http500 = () => ({ status: 500, contentType: 'text/html', body: '<html>oops</html>' });
    const gle = await setup(scriptedService({ requests: [''], script: { getLastError: http500 } }));
    expect(await gle.driver.runSession()).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1043' });
    await gle.server.close();
    const ce = await setup(scriptedService({ script: { authenticate: () => authAnswer(['T-1', 'C:\\x.QBW']), connectionError: http500 } }));
    expect(await ce.driver.runSession()).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1045' });
  });

  it.each([
    ['a JSON error body', { status: 200, contentType: 'application/json', body: '{"statusCode":500}' }],
    ['an answer for another operation', stringAnswer('getLastError', 'x')],
    ['a 404 with a correct envelope', { ...stringAnswer('sendRequestXML', ''), status: 404 }],
    ['text/xml that is not XML', { status: 200, body: 'not xml at all' }],
  ])('sendRequestXML answering with %s aborts with QBWC1041 and no further call', async (_name, reply) => {
    const { driver, ops } = await setup(scriptedService({ script: { sendRequestXML: () => reply } }));
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1041' });
    expect(ops().at(-1)).toBe('sendRequestXML');
  });

  it('aborts with QBWC1036 when the server is unreachable (serverVersion failure is only logged)', async () => {
    const { driver, server } = await setup(scriptedService());
    await server.close();
    const result = await driver.runSession();
    // serverVersion failures are only logged (qbwc.md §5.1); clientVersion then fails.
    expect(result).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1036' });
    expect(result.transcript.map((t) => t.op)).toEqual(['serverVersion', 'clientVersion']);
  });

  it('reports the closeConnection text as the final status', async () => {
    const { driver } = await setup(
      scriptedService({ requests: [CUSTOMER_QUERY], script: { closeConnection: () => stringAnswer('closeConnection', 'Complete!') } }),
    );
    expect((await driver.runSession()).statusText).toBe('Complete!');
  });
});

describe('whole runs, faults and logs (checklist 25-26, 29-30)', () => {
  it('"nothing to do" run is serverVersion, clientVersion, authenticate(none), closeConnection', async () => {
    const { driver, ops } = await setup(scriptedService({ script: { authenticate: () => authAnswer(['T-9', 'none']) } }));
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'none', ticket: 'T-9', statusText: 'OK' });
    expect(ops()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
  });

  it('drops the answer to the 2nd receiveResponseXML after the server processed it, then a new run works', async () => {
    let processed = 0;
    const { driver, ops, company } = await setup(
      scriptedService({
        requests: [CUSTOMER_QUERY, CUSTOMER_QUERY, CUSTOMER_QUERY],
        script: {
          receiveResponseXML: (_c, nth) => {
            processed++;
            return intAnswer('receiveResponseXML', nth === 1 ? 50 : 100);
          },
        },
      }),
      { dropResponseAfterCall: { op: 'receiveResponseXML', nth: 2 } },
    );
    const first = await driver.runSession();
    expect(first).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1042', progress: [50] });
    expect(processed).toBe(2);
    expect(first.transcript.at(-1)).toMatchObject({ op: 'receiveResponseXML', responseDropped: true });
    expect(ops().at(-1)).toBe('receiveResponseXML');
    expect(company.closeSessionCalls).toBe(1);

    const second = await driver.runSession();
    expect(second.outcome).toBe('completed');
    expect(second.transcript.some((t) => t.responseDropped === true)).toBe(false);
  });

  it('drops a sendRequestXML answer: QuickBooks never sees the request', async () => {
    const { driver, company } = await setup(scriptedService({ requests: [CUSTOMER_QUERY] }), { dropResponseAfterCall: { op: 'sendRequestXML', nth: 1 } });
    const result = await driver.runSession();
    expect(result).toMatchObject({ outcome: 'error', qbwcError: 'QBWC1041' });
    expect(company.requests).toEqual([]);
  });

  it('allows hundreds of rounds but stops a server that never finishes at maxRounds', async () => {
    const endless = scriptedService({
      script: { sendRequestXML: () => stringAnswer('sendRequestXML', CUSTOMER_QUERY), receiveResponseXML: () => intAnswer('receiveResponseXML', 1) },
    });
    const many = await setup(endless, { maxRounds: 200 });
    const result = await many.driver.runSession();
    expect(result.rounds).toBe(200);
    expect(result).toMatchObject({ outcome: 'error' });
    expect(result.qbwcError).toBeUndefined();
    expect(result.statusText).toContain('round cap');
  });

  it('also caps a server that answers NoOp forever', async () => {
    const { driver, sleeps } = await setup(
      scriptedService({ script: { sendRequestXML: () => stringAnswer('sendRequestXML', 'NoOp'), getLastError: () => stringAnswer('getLastError', 'NoOp') } }),
      { maxRounds: 5 },
    );
    const result = await driver.runSession();
    expect(result.rounds).toBe(5);
    expect(sleeps).toHaveLength(5);
  });

  it('keeps a transcript of calls, parameters and answers without the password', async () => {
    const seen: string[] = [];
    const { driver } = await setup(scriptedService({ requests: [CUSTOMER_QUERY] }), { onCall: (e) => seen.push(e.op) });
    const result = await driver.runSession();
    expect(result.transcript.map((t) => [t.seq, t.op])).toEqual([
      [1, 'serverVersion'],
      [2, 'clientVersion'],
      [3, 'authenticate'],
      [4, 'sendRequestXML'],
      [5, 'receiveResponseXML'],
      [6, 'closeConnection'],
    ]);
    expect(seen).toEqual(result.transcript.map((t) => t.op));
    expect(result.transcript[2]).toMatchObject({ params: { strUserName: 'qbconnector', strPassword: '***' }, answer: ['T-1', ''], httpStatus: 200 });
    expect(result.transcript[3]?.answer).toBe(CUSTOMER_QUERY);
    expect(result.transcript[4]?.answer).toBe(100);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });
});
