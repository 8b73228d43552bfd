import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { login, soapCall, TEST_COMPANY_FILE } from '../support/soap-call.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-app.js';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// A session whose Web Connector went silent (QBWC crashed, the PC slept) is taken over by the next authenticated run
// instead of making it "busy" until the idle timeout. The silence includes the time QuickBooks takes to answer one
// request, which on a large company file can be minutes, so the wait is a setting (QBWC_TAKEOVER_MINUTES, default 2).
describe('taking over a silent Web Connector session', () => {
  it('an open session silent for over two minutes is taken over by a new authenticated session', async () => {
    const provider = new ScriptedProvider([CUSTOMER_QUERY]);
    t = await startTestApp({ provider });
    const [first = ''] = await login(t.app);
    t.clock.advance(90_000);
    expect((await login(t.app))[1]).toBe('busy');
    t.clock.advance(60_000);
    expect((await login(t.app))[1]).toBe(TEST_COMPANY_FILE);
    expect(provider.ended).toEqual(['expired']);
    expect(await soapCall(t.app, 'sendRequestXML', { ticket: first, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).toBe('');
  });

  it('with QBWC_TAKEOVER_MINUTES=10, a session waiting 9 minutes on QuickBooks keeps the company and goes on', async () => {
    const provider = new ScriptedProvider([CUSTOMER_QUERY]);
    t = await startTestApp({ config: testConfig({ QBWC_TAKEOVER_MINUTES: '10' }), provider });
    const [first = ''] = await login(t.app);
    t.clock.advance(9 * 60_000);
    expect((await login(t.app))[1]).toBe('busy');
    expect(provider.ended).toEqual([]);
    // The first session's Web Connector comes back: its session is still live.
    expect(await soapCall(t.app, 'sendRequestXML', { ticket: first, qbXMLMajorVers: 13, qbXMLMinorVers: 0 })).not.toBe('');
    t.clock.advance(10 * 60_000 + 1_000);
    expect((await login(t.app))[1]).toBe(TEST_COMPANY_FILE);
    expect(provider.ended).toEqual(['expired']);
  });
});
