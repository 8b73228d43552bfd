import * as soap from 'soap';
import { afterEach, describe, expect, it } from 'vitest';
import { recordedRequestEnvelopes, withValues } from '../support/recorded-envelopes.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readResult } from '../support/soap.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function listen(provider: ScriptedProvider): Promise<string> {
  t = await startTestApp({ provider });
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

describe('a Web Connector conversation over real HTTP', () => {
  it('replays the recorded QBWC envelopes of the reference, call by call', async () => {
    const base = await listen(new ScriptedProvider([CUSTOMER_QUERY]));
    const recorded = recordedRequestEnvelopes();
    for (const op of ['serverVersion', 'clientVersion', 'authenticate', 'sendRequestXML', 'receiveResponseXML', 'getLastError', 'closeConnection']) {
      expect(recorded.has(op), op).toBe(true);
    }
    let ticket = '';
    const post = async (op: string): Promise<string | string[]> => {
      const body = withValues(recorded.get(op) ?? '', { ticket, user: 'qbconnector', password: TEST_PASSWORD });
      const res = await fetch(`${base}/qbwc`, {
        method: 'POST',
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: `"http://developer.intuit.com/${op}"`,
          'user-agent': 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 2.0.50727.8825)',
        },
        body,
      });
      expect(res.status, `${op}: ${await res.clone().text()}`).toBe(200);
      return readResult(op, await res.text());
    };
    expect(await post('serverVersion')).toMatch(/qb-bitrix24-connector/);
    expect(await post('clientVersion')).toBe('');
    const auth = await post('authenticate');
    expect(Array.isArray(auth)).toBe(true);
    ticket = (auth as string[])[0] ?? '';
    expect((auth as string[])[1]).toMatch(/\.QBW$/);
    expect(await post('sendRequestXML')).toBe(CUSTOMER_QUERY);
    expect(await post('receiveResponseXML')).toBe('100');
    expect(await post('getLastError')).toBe('');
    expect(await post('closeConnection')).toMatch(/^OK/);
  });

  it('completes the same conversation through a generic SOAP client generated from ?wsdl', async () => {
    const provider = new ScriptedProvider([CUSTOMER_QUERY]);
    const base = await listen(provider);
    const client = await soap.createClientAsync(`${base}/qbwc?wsdl`);
    // The WSDL names PUBLIC_URL (the test default, http://localhost:8080), never the Host asked with; this
    // server listens on a random port, so the client is pointed at it as an operator's tooling would be.
    expect(await (await fetch(`${base}/qbwc?wsdl`)).text()).toContain('location="http://localhost:8080/qbwc"');
    client.setEndpoint(`${base}/qbwc`);
    const callOp = async (op: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const fn = (client as unknown as Record<string, (a: unknown) => Promise<[Record<string, unknown>]>>)[`${op}Async`];
      if (!fn) throw new Error(`client has no ${op}`);
      const [result] = await fn.call(client, args);
      return result ?? {};
    };
    expect(String((await callOp('serverVersion', {}))['serverVersionResult'])).toMatch(/qb-bitrix24-connector/);
    expect((await callOp('clientVersion', { strVersion: '2.3.0.215' }))['clientVersionResult'] ?? '').toBe('');
    const auth = (await callOp('authenticate', { strUserName: 'qbconnector', strPassword: TEST_PASSWORD }))['authenticateResult'] as {
      string: string[];
    };
    const [ticket, company] = auth.string;
    expect(company).toMatch(/\.QBW$/);
    const rq = await callOp('sendRequestXML', {
      ticket,
      strHCPResponse: '',
      strCompanyFileName: company,
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    expect(rq['sendRequestXMLResult']).toBe(CUSTOMER_QUERY);
    const progress = await callOp('receiveResponseXML', { ticket, response: '<?xml version="1.0" ?><QBXML/>', hresult: '', message: '' });
    expect(Number(progress['receiveResponseXMLResult'])).toBe(100);
    expect((await callOp('getLastError', { ticket }))['getLastErrorResult'] ?? '').toBe('');
    expect(String((await callOp('closeConnection', { ticket }))['closeConnectionResult'])).toMatch(/^OK/);
    expect(provider.responses).toHaveLength(1);
  });
});
