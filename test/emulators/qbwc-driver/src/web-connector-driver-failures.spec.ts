/** WebConnectorDriver specs: SOAP faults, HTTP errors and bad answers become QBWC error codes (checklist 23-24). */
import { afterEach, describe, expect, it } from 'vitest';
import { authAnswer, faultAnswer, scriptedService, stringAnswer } from './__tests__/scripted-qbwc-server.js';
import { CUSTOMER_QUERY } from './__tests__/fake-company.js';
import { closeServer, setup } from './__tests__/driver-test-fixture.js';

afterEach(closeServer);

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
