/** WebConnectorDriver specs: sendRequestXML ⇄ receiveResponseXML rounds, NoOp pauses and progress (checklist 13-22). */
import { afterEach, describe, expect, it } from 'vitest';
import { intAnswer, scriptedService, stringAnswer } from './__tests__/scripted-qbwc-server.js';
import { COMPANY_PATH, CUSTOMER_QUERY, CUSTOMER_RESPONSE, PARSE_ERROR_HRESULT, PARSE_ERROR_MESSAGE } from './__tests__/fake-company.js';
import { closeServer, FILE_ID, OWNER_ID, setup } from './__tests__/driver-test-fixture.js';
import { NOOP_PAUSE_MS } from './web-connector-driver.js';

afterEach(closeServer);

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
