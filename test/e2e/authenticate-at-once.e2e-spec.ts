import { afterEach, describe, expect, it } from 'vitest';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { login, soapCall, TEST_COMPANY_FILE as COMPANY } from '../support/soap-call.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Deciding whether there is work waits on I/O (the database; on PostgreSQL the network), as the sync engine's does. */
class SlowToDecide extends ScriptedProvider {
  started = 0;
  override async hasWork(): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return super.hasWork();
  }
  override async startSession(ctx: Parameters<ScriptedProvider['startSession']>[0]): Promise<void> {
    this.started += 1;
    await super.startSession(ctx);
  }
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// One session at a time per company (migration 1764000000022): two would hand out the same queued writes twice.
describe('Web Connector runs that authenticate at the same moment', () => {
  it('open one session; the others are told busy and get no work', async () => {
    const provider = new SlowToDecide([CUSTOMER_QUERY]);
    t = await startTestApp({ provider });
    const app = t.app;
    const soap = (op: string, params: Record<string, string>) => soapCall(app, op, params);
    const run = () => login(app);

    // Every run reads "no session open" before any of them stores its own: only the database can pick one.
    const runs = await Promise.all(Array.from({ length: 6 }, run));
    expect(runs.map(([, status]) => status).sort()).toEqual([COMPANY, 'busy', 'busy', 'busy', 'busy', 'busy'].sort());
    expect(provider.started).toBe(1);
    // A run told busy has no session: its ticket gets no request.
    const busy = runs.find(([, status]) => status === 'busy')?.[0] ?? '';
    expect(await soap('sendRequestXML', { ticket: busy, qbXMLMajorVers: '13', qbXMLMinorVers: '0' })).toBe('');
    // Once the session that opened is closed, the next run opens one.
    await soap('closeConnection', { ticket: runs.find(([, status]) => status === COMPANY)?.[0] ?? '' });
    expect((await run())[1]).toBe(COMPANY);
  });
});
