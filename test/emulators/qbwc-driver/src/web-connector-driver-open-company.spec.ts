/** WebConnectorDriver specs: opening the company file, connectionError and its retries (checklist 11-12). */
import { afterEach, describe, expect, it } from 'vitest';
import { authAnswer, scriptedService, stringAnswer } from './__tests__/scripted-qbwc-server.js';
import { COMPANY_PATH } from './__tests__/fake-company.js';
import { closeServer, setup } from './__tests__/driver-test-fixture.js';

afterEach(closeServer);

describe('opening the company (checklist 11-12)', () => {
  it('opens the currently open company for "" and the named file for a path (case-insensitive match)', async () => {
    const { driver, company } = await setup(scriptedService());
    await driver.runSession();
    expect(company.openedWith).toEqual(['']);
    await closeServer();
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
