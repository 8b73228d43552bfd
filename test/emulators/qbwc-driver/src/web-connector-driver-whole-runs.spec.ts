/** WebConnectorDriver specs: whole runs, network-fault mode, the round cap and the transcript (checklist 25-26, 29-30). */
import { afterEach, describe, expect, it } from 'vitest';
import { authAnswer, intAnswer, scriptedService, stringAnswer } from './__tests__/scripted-qbwc-server.js';
import { CUSTOMER_QUERY } from './__tests__/fake-company.js';
import { closeServer, PASSWORD, setup } from './__tests__/driver-test-fixture.js';

afterEach(closeServer);

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
