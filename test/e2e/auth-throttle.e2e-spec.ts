import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SLEEP } from '../../apps/connector/src/common/sleep.js';
import type { CompanyHost } from '../../apps/connector/src/companies/company-host.js';
import { MAX_DELAY_MS, MAX_WAITING_PER_CLIENT } from '../../apps/connector/src/qbwc/authenticate-throttle.js';
import { FakeSleep, untilSettled } from '../support/fake-sleep.js';
import { startMinimalCompanyHost } from '../support/minimal-company-host.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { startTestApp, tempDataDir, testConfig, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const COMPANY = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW';
const PROXY = '10.0.0.1';

let t: TestApp | undefined;
let host: CompanyHost | undefined;
afterEach(async () => {
  await t?.close();
  await host?.close();
  t = undefined;
  host = undefined;
});

interface From {
  readonly peer?: string;
  readonly forwardedFor?: string;
}

type Inject = NestFastifyApplication['inject'];

async function authenticate(inject: Inject, password: string, from: From = {}, url = '/qbwc', user = 'qbconnector'): Promise<[string, string]> {
  const res = await inject({
    method: 'POST',
    url,
    headers: { ...soapHeaders('authenticate'), ...(from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {}) },
    payload: soapEnvelope('authenticate', { strUserName: user, strPassword: password }),
    ...(from.peer ? { remoteAddress: from.peer } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
  const r = readResult('authenticate', res.body);
  if (!Array.isArray(r)) throw new Error('authenticate did not answer a string array');
  return [r[0] ?? '', r[1] ?? ''];
}

async function startWithSleep(sleep: FakeSleep, env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp({ config: testConfig(env), provider: new ScriptedProvider([CUSTOMER_QUERY]), values: new Map([[SLEEP, sleep.sleep]]) });
}

const inject = (app: TestApp): Inject => app.app.inject.bind(app.app);

describe('a correct password is always accepted', () => {
  it('five wrong passwords then the right one: a real session that hands out work', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    for (let i = 0; i < 5; i += 1) expect((await authenticate(inject(t), `bad-password-${i}xx`))[1]).toBe('nvu');
    const [ticket, status] = await authenticate(inject(t), TEST_PASSWORD);
    expect(status).toBe(COMPANY);
    const res = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: soapHeaders('sendRequestXML'),
      payload: soapEnvelope('sendRequestXML', {
        ticket,
        strHCPResponse: '',
        strCompanyFileName: COMPANY,
        qbXMLCountry: 'US',
        qbXMLMajorVers: 13,
        qbXMLMinorVers: 0,
      }),
    });
    expect(readResult('sendRequestXML', res.body)).toContain('<CustomerQueryRq');
  });

  it('after five free failures each wrong answer waits longer, up to a cap; the right password never waits', async () => {
    const sleep = new FakeSleep();
    t = await startWithSleep(sleep);
    const guesser = { peer: '203.0.113.7' };
    for (let i = 0; i < 12; i += 1) expect(await authenticate(inject(t), `guess-${i}-wrong`, guesser)).toEqual(['', 'nvu']);
    expect(sleep.requested).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, MAX_DELAY_MS, MAX_DELAY_MS]);
    expect((await authenticate(inject(t), TEST_PASSWORD, guesser))[1]).toBe(COMPANY);
    expect(sleep.requested).toHaveLength(7);
    // The window forgets old failures: after 15 minutes the first wrong answers are free again.
    t.clock.advance(16 * 60_000);
    expect(await authenticate(inject(t), 'guess-late-wrong', guesser)).toEqual(['', 'nvu']);
    expect(sleep.requested).toHaveLength(7);
  });

  it('waiting answers are capped per client: beyond the cap a wrong one is answered at once, and the right one still gets in', async () => {
    const sleep = new FakeSleep();
    t = await startWithSleep(sleep);
    const guesser = { peer: '203.0.113.7' };
    for (let i = 0; i < 5; i += 1) await authenticate(inject(t), `guess-${i}-wrong`, guesser);
    sleep.hold();
    const waiting = Array.from({ length: MAX_WAITING_PER_CLIENT }, (_, i) => authenticate(inject(t as TestApp), `held-${i}-wrong`, guesser));
    // Each failure is recorded in the database first (a few round trips on PostgreSQL), hence the many turns.
    await untilSettled(() => sleep.held === MAX_WAITING_PER_CLIENT, 100_000);
    // These would hang (and time the test out) if they waited too.
    expect(await authenticate(inject(t), 'over-the-cap-wrong', guesser)).toEqual(['', 'nvu']);
    expect(sleep.held).toBe(MAX_WAITING_PER_CLIENT);
    expect((await authenticate(inject(t), TEST_PASSWORD, guesser))[1]).toBe(COMPANY);
    sleep.release();
    for (const answer of await Promise.all(waiting)) expect(answer).toEqual(['', 'nvu']);
  });
});

describe('the throttle keys on the real client', () => {
  it('through a trusted proxy, two clients with different X-Forwarded-For are throttled separately', async () => {
    const sleep = new FakeSleep();
    t = await startWithSleep(sleep, { TRUSTED_PROXIES: `${PROXY}, 10.9.0.0/16` });
    // An attacker's own X-Forwarded-For entries sit left of what the proxy appends: the rightmost untrusted one counts.
    const a = (i: number): From => ({ peer: PROXY, forwardedFor: `198.51.100.${i + 50}, 198.51.100.1, 10.9.3.4` });
    for (let i = 0; i < 6; i += 1) expect((await authenticate(inject(t), `guess-${i}-wrong`, a(i)))[1]).toBe('nvu');
    expect(sleep.requested).toEqual([1_000]);
    expect((await authenticate(inject(t), 'typo-password', { peer: PROXY, forwardedFor: '198.51.100.2' }))[1]).toBe('nvu');
    expect(sleep.requested).toEqual([1_000]);
  });

  it("an untrusted peer's X-Forwarded-For is ignored: changing it does not escape the throttle", async () => {
    const sleep = new FakeSleep();
    t = await startWithSleep(sleep, { TRUSTED_PROXIES: PROXY });
    for (let i = 0; i < 6; i += 1) {
      expect((await authenticate(inject(t), `guess-${i}-wrong`, { peer: '203.0.113.7', forwardedFor: `198.51.100.${i + 1}` }))[1]).toBe('nvu');
    }
    expect(sleep.requested).toEqual([1_000]);
  });

  it('without TRUSTED_PROXIES, X-Forwarded-For is ignored even from a proxy address', async () => {
    const sleep = new FakeSleep();
    t = await startWithSleep(sleep);
    for (let i = 0; i < 6; i += 1) await authenticate(inject(t), `guess-${i}-wrong`, { peer: PROXY, forwardedFor: `198.51.100.${i + 1}` });
    expect(sleep.requested).toEqual([1_000]);
  });

  it('the multi-company router hands a company the real client behind a trusted proxy', async () => {
    const sleep = new FakeSleep();
    host = await startMinimalCompanyHost({ TRUSTED_PROXIES: PROXY }, new Map([[SLEEP, sleep.sleep]]));
    const server = host.server;
    const via = (client: string): From => ({ peer: PROXY, forwardedFor: client });
    const url = '/companies/acme/qbwc';
    for (let i = 0; i < 6; i += 1) await authenticate(server.inject.bind(server) as Inject, `guess-${i}-wrong`, via('198.51.100.1'), url, 'qbwc-acme');
    expect(sleep.requested).toEqual([1_000]);
    await authenticate(server.inject.bind(server) as Inject, 'typo-password', via('198.51.100.2'), url, 'qbwc-acme');
    expect(sleep.requested).toEqual([1_000]);
    // Signed in (no Bitrix24 portal is configured, so there is no work: "none", not "nvu").
    const [ticket, status] = await authenticate(server.inject.bind(server) as Inject, TEST_PASSWORD, via('198.51.100.1'), url, 'qbwc-acme');
    expect(ticket).not.toBe('');
    expect(status).toBe('none');
  });
});

describe('several processes on one database', () => {
  it('wrong passwords spread over two processes are counted together: the sixth waits wherever it lands', async () => {
    const tmp = tempDataDir();
    const sleep = new FakeSleep();
    // Two apps on one database stand for two processes behind a load balancer (on PostgreSQL with TEST_DATABASE_URL).
    const env = { DATABASE_URL: `sqlite:${path.join(tmp.dir, 'shared.sqlite')}` };
    const a = await startWithSleep(sleep, env);
    const b = await startWithSleep(sleep, env);
    try {
      const guesser = { peer: '203.0.113.9' };
      for (let i = 0; i < 3; i += 1) expect((await authenticate(inject(a), `guess-a-${i}-wrong`, guesser))[1]).toBe('nvu');
      for (let i = 0; i < 2; i += 1) expect((await authenticate(inject(b), `guess-b-${i}-wrong`, guesser))[1]).toBe('nvu');
      expect(sleep.requested, 'five failures are free, whichever process answered them').toEqual([]);
      expect((await authenticate(inject(b), 'guess-b-2-wrong', guesser))[1]).toBe('nvu');
      expect(sleep.requested).toEqual([1_000]);
    } finally {
      await a.close();
      await b.close();
      tmp.cleanup();
    }
  });
});
