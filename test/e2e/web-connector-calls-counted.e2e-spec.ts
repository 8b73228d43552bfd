import { afterEach, describe, expect, it } from 'vitest';
import { WebConnectorCalls } from '../../apps/connector/src/common/web-connector-calls.js';
import { ScriptedProvider } from '../support/scripted-provider.js';
import { soapEnvelope, soapHeaders } from '../support/soap.js';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

/** A provider that notes how many Web Connector calls the service counted while it was asked for work. */
class ObservingProvider extends ScriptedProvider {
  readonly seen: number[] = [];
  constructor(private readonly calls: () => WebConnectorCalls) {
    super([]);
  }
  override async hasWork(): Promise<boolean> {
    this.seen.push(this.calls().inFlight);
    return false;
  }
}

// The Bitrix24 worker gives way to Web Connector calls (common/web-connector-calls.ts); this checks the SOAP endpoint
// counts each call while it is answered and forgets it once the answer is out.
describe('Web Connector calls are counted while they are answered', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('an authenticate is counted during its answer and not after', async () => {
    let app: TestApp | undefined;
    const provider = new ObservingProvider(() => {
      if (!app) throw new Error('app not started');
      return app.app.get(WebConnectorCalls);
    });
    t = app = await startTestApp({ provider });
    const calls = t.app.get(WebConnectorCalls);
    const res = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('authenticate'),
      payload: soapEnvelope('authenticate', { strUserName: 'qbconnector', strPassword: TEST_PASSWORD }),
    });
    expect(res.statusCode).toBe(200);
    expect(provider.seen).toEqual([1]);
    // 'close' of the answer comes on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.inFlight).toBe(0);
  });
});
