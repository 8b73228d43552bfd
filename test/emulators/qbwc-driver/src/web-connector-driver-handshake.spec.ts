/** WebConnectorDriver specs: serverVersion/clientVersion checks and authenticate answers (checklist 4-10, 25). */
import { afterEach, describe, expect, it } from 'vitest';
import { authAnswer, scriptedService, stringAnswer } from './__tests__/scripted-qbwc-server.js';
import { closeServer, PASSWORD, setup } from './__tests__/driver-test-fixture.js';

afterEach(closeServer);

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
    await closeServer();
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
