/** WebConnectorDriver specs: POST headers, SOAP 1.1 envelopes and random envelope styles (checklist 1-3). */
import { afterEach, describe, expect, it } from 'vitest';
import { QBWC_NS, SOAP_ENV_NS, scriptedService } from './__tests__/scripted-qbwc-server.js';
import { CUSTOMER_QUERY } from './__tests__/fake-company.js';
import { closeServer, setup } from './__tests__/driver-test-fixture.js';

afterEach(closeServer);

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
