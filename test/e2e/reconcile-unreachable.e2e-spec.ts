import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RECONCILE_BUDGET, type ReconcileBudget } from '../../apps/connector/src/dashboard/reconcile-budget.js';
import { expectJsonError } from '../support/hostile-http.js';
import { startTestApp, TEST_ADMIN_TOKEN, testConfig, type TestApp } from '../support/test-app.js';

const WEBHOOK_CODE = 'reconcile-webhook-code-123';

let t: TestApp | undefined;
const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address !== null) resolve(address.port);
      else reject(new Error('no address'));
    });
  });
}

/** A port nothing listens on: bound, then closed, so a connection is refused. */
async function refusingPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A portal that accepts the connection and never answers. */
async function silentPort(): Promise<number> {
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.resume();
  });
  servers.push(server);
  return listen(server);
}

async function reconcileAgainst(
  port: number,
  budget: ReconcileBudget,
): Promise<{ statusCode: number; headers: Record<string, string | string[] | number | undefined>; body: string }> {
  t = await startTestApp({
    config: testConfig({ BITRIX24_WEBHOOK_URL: `http://127.0.0.1:${port}/rest/1/${WEBHOOK_CODE}/` }),
    values: new Map([[RECONCILE_BUDGET, budget]]),
  });
  return t.app.inject({ method: 'GET', url: '/admin/reconcile', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
}

describe('GET /admin/reconcile when the Bitrix24 portal cannot be read', { timeout: 20_000 }, () => {
  // The production budget (5 s deadline, 4 s per call) with no retries: a refused connection fails at once.
  it('an unreachable portal answers 503 naming Bitrix24, not a 500 after a minute of retries', async () => {
    const res = await reconcileAgainst(await refusingPort(), { deadlineMs: 5_000, callTimeoutMs: 4_000 });
    expectJsonError(res, 503, [WEBHOOK_CODE]);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body['code']).toBe('BITRIX24_UNAVAILABLE');
    expect(body['message']).toMatch(/Bitrix24 could not be read .*NETWORK/);
  });

  // A per-call timeout far beyond the test timeout: only the overall deadline can end this request.
  it('a portal that never answers hits the reconcile deadline and answers 503 naming Bitrix24', async () => {
    const res = await reconcileAgainst(await silentPort(), { deadlineMs: 200, callTimeoutMs: 600_000 });
    expectJsonError(res, 503, [WEBHOOK_CODE]);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    expect(body['code']).toBe('BITRIX24_TOO_SLOW');
    expect(body['message']).toMatch(/Bitrix24 did not answer the reconcile scan within 0.2 s/);
  });

  it('with a short per-call timeout a silent portal is reported as a Bitrix24 timeout', async () => {
    const res = await reconcileAgainst(await silentPort(), { deadlineMs: 600_000, callTimeoutMs: 200 });
    expectJsonError(res, 503, [WEBHOOK_CODE]);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'BITRIX24_UNAVAILABLE', message: expect.stringMatching(/Bitrix24 could not be read .*TIMEOUT/) });
  });
});
