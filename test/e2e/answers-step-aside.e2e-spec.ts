import { afterEach, describe, expect, it } from 'vitest';
import { GIVE_WAY_MAX_MS, WebConnectorCalls } from '../../apps/connector/src/common/web-connector-calls.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const PAGE =
  '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"></CustomerQueryRs></QBXMLMsgsRs></QBXML>';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// A receiveResponseXML that carries QuickBooks's answer parses and stores it in one go, so the calls of other Web
// Connectors that came with it are answered first (WebConnectorCalls.stepAside), for at most GIVE_WAY_MAX_MS.
describe("QuickBooks's answers are stored after the other Web Connector calls in flight", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const app = (): TestApp => {
    if (!t) throw new Error('app not started');
    return t;
  };

  async function sessionAwaitingAnswer(): Promise<{ provider: ScriptedProvider; calls: WebConnectorCalls; ticket: string }> {
    const provider = new ScriptedProvider([CUSTOMER_QUERY]);
    t = await startTestApp({ provider });
    const post = async (op: string, params: Record<string, string>): Promise<string> =>
      (await app().app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders(op), payload: soapEnvelope(op, params) })).body;
    const [ticket = ''] = readResult('authenticate', await post('authenticate', { strUserName: 'qbconnector', strPassword: TEST_PASSWORD })) as string[];
    const request = readResult(
      'sendRequestXML',
      await post('sendRequestXML', { ticket, strHCPResponse: '', strCompanyFileName: '', qbXMLCountry: 'US', qbXMLMajorVers: '13', qbXMLMinorVers: '0' }),
    );
    expect(request).toContain('CustomerQueryRq');
    return { provider, calls: t.app.get(WebConnectorCalls), ticket };
  }

  const receive = (ticket: string, response: string, hresult = '') =>
    app().app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('receiveResponseXML'),
      payload: soapEnvelope('receiveResponseXML', { ticket, response, hresult, message: hresult === '' ? '' : 'failed' }),
    });

  it('waits while another call is answered, then stores the page', async () => {
    const { provider, calls, ticket } = await sessionAwaitingAnswer();
    const endOther = calls.begin();
    const answered = receive(ticket, PAGE);
    await sleep(50);
    expect(provider.responses).toHaveLength(0);
    endOther();
    const res = await answered;
    expect(readResult('receiveResponseXML', res.body)).toBe('100');
    expect(provider.responses.map((r) => r.response)).toEqual([PAGE]);
  });

  it('a stream of other calls delays it by at most GIVE_WAY_MAX_MS', async () => {
    const { provider, calls, ticket } = await sessionAwaitingAnswer();
    const endOther = calls.begin();
    const t0 = performance.now();
    const res = await receive(ticket, PAGE);
    const waited = performance.now() - t0;
    endOther();
    expect(readResult('receiveResponseXML', res.body)).toBe('100');
    expect(provider.responses).toHaveLength(1);
    expect(waited).toBeGreaterThanOrEqual(GIVE_WAY_MAX_MS - 5);
  });

  it('an HRESULT, with nothing to parse, is handled at once', async () => {
    const { provider, calls, ticket } = await sessionAwaitingAnswer();
    const endOther = calls.begin();
    const answered = receive(ticket, '', '0x80040400');
    await sleep(50);
    expect(provider.responses.map((r) => r.hresult)).toEqual(['0x80040400']);
    endOther();
    await answered;
  });
});
