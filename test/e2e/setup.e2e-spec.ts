import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { loadQwc, WebConnectorDriver } from '@qb-b24/qbwc-driver';
import { loadCompanyFile } from '@qb-b24/quickbooks-emulator';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { B24_EVENT_NAMES } from '../../apps/connector/src/bitrix/b24-event-name.js';
import { SAVED_SETTINGS_FILE } from '../../apps/connector/src/config/saved-settings.js';
import { drainWorker, SAMPLE_COMPANY } from '../support/sync-harness.js';
import { startTestApp, tempDataDir, testConfig, TEST_ADMIN_TOKEN, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import type { Rec } from '../support/record-values.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
const REMOTE = '203.0.113.7';

let t: TestApp | undefined;
let portal: Bitrix24Portal | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await t?.close();
  await portal?.close();
  t = undefined;
  portal = undefined;
  for (const c of cleanups.splice(0)) c();
});

/** The service with its own data folder (saved settings land there) and no Bitrix24 in the environment. */
async function fresh(env: Record<string, string> = {}): Promise<{ t: TestApp; dataDir: string }> {
  const { dir, cleanup } = tempDataDir();
  cleanups.push(cleanup);
  t = await startTestApp({ config: testConfig({ DATA_DIR: dir, PUBLIC_URL: 'https://qb.example.com', ...env }) });
  return { t, dataDir: dir };
}

const saveUrl = (x: TestApp, webhookUrl: string) =>
  x.app.inject({ method: 'POST', url: '/setup/bitrix24/webhook-url', headers: JSON_HEADERS, payload: JSON.stringify({ webhookUrl }) });

describe('setup page access', () => {
  it('shows the Web Connector password to this machine, and elsewhere only with the admin token', async () => {
    const { t } = await fresh();
    const local = await t.app.inject({ method: 'GET', url: '/setup/state' });
    expect(local.statusCode).toBe(200);
    expect(local.json<Rec>()['qbwc']).toEqual({ username: 'qbconnector', password: TEST_PASSWORD });
    const remote = await t.app.inject({ method: 'GET', url: '/setup/state', remoteAddress: REMOTE });
    expect(remote.statusCode).toBe(401);
    expect(remote.body).not.toContain(TEST_PASSWORD);
    const wrong = await t.app.inject({ method: 'GET', url: '/setup/state', remoteAddress: REMOTE, headers: { authorization: 'Bearer wrong-token-123456' } });
    expect(wrong.statusCode).toBe(401);
    const withToken = await t.app.inject({
      method: 'GET',
      url: '/setup/state',
      remoteAddress: REMOTE,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(withToken.statusCode).toBe(200);
    expect(withToken.body).toContain(TEST_PASSWORD);
    // The page itself holds nothing secret and loads for anyone (it asks for the token).
    const page = await t.app.inject({ method: 'GET', url: '/setup', remoteAddress: REMOTE });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(TEST_PASSWORD);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('a visitor relayed by an untrusted proxy on this machine is not treated as local', async () => {
    const { t } = await fresh();
    const res = await t.app.inject({ method: 'GET', url: '/setup/state', headers: { 'x-forwarded-for': REMOTE } });
    expect(res.statusCode).toBe(401);
  });

  it('another web page cannot save settings through the localhost exemption: a form post is refused', async () => {
    const { t, dataDir } = await fresh();
    // A form is what a foreign page can send cross-site without a preflight (text/plain has no parser at all).
    const res = await t.app.inject({
      method: 'POST',
      url: '/setup/bitrix24/application-token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'applicationToken=attacker-token-123',
    });
    expect(res.statusCode).toBe(415);
    expect(existsSync(path.join(dataDir, SAVED_SETTINGS_FILE))).toBe(false);
  });
});

describe('setup page content', () => {
  it('offers a .qwc that Web Connector accepts, runs every 15 minutes, and points at PUBLIC_URL/qbwc', async () => {
    const { t } = await fresh();
    const res = await t.app.inject({ method: 'GET', url: '/setup/connector.qwc' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('connector.qwc');
    const qwc = await loadQwc(res.body);
    expect(qwc.appUrl).toBe('https://qb.example.com/qbwc');
    expect(qwc.runEverySeconds).toBe(15 * 60);
    expect(qwc.userName).toBe('qbconnector');
  });

  it('lists the handler URL and the events that change QuickBooks, derived from the registry', async () => {
    const { t } = await fresh();
    const state = (await t.app.inject({ method: 'GET', url: '/setup/state' })).json<Rec>();
    // Won deals → QuickBooks is off by default, so deal events are not asked for.
    expect(state['outbound']).toEqual({
      handlerUrl: 'https://qb.example.com/bitrix24/webhook',
      events: B24_EVENT_NAMES.filter((e) => !e.startsWith('ONCRMDEAL')),
    });
    expect(B24_EVENT_NAMES).toContain('ONCRMCONTACTUPDATE');
    expect(B24_EVENT_NAMES).toContain('ONCRMPRODUCTADD');
    // Deletions are not applied to QuickBooks: ticking them would only cost calls.
    expect(B24_EVENT_NAMES).not.toContain('ONCRMCONTACTDELETE');
    expect((state['outbound'] as Rec)['events']).not.toContain('ONCRMDEALUPDATE');
    expect((state['checklist'] as Rec[]).map((c) => c['done'])).toEqual([false, false, false, false]);
  });
});

describe('saving the Bitrix24 inbound webhook', () => {
  it.each([
    ['not a URL', 'portal.bitrix24.com/rest/1/abc', 'That is not a URL'],
    ['http to another host', 'http://portal.bitrix24.com/rest/1/abc123/', 'must start with https://'],
    ['a method URL', 'https://portal.bitrix24.com/rest/1/abc123/crm.contact.list', 'not an inbound webhook URL'],
  ])('refuses %s with a clear message and saves nothing', async (_name, url, message) => {
    const { t, dataDir } = await fresh();
    const res = await saveUrl(t, url);
    expect(res.statusCode).toBe(400);
    expect(res.json<Rec>()['message']).toContain(message);
    expect(existsSync(path.join(dataDir, SAVED_SETTINGS_FILE))).toBe(false);
  });

  it('refuses a webhook without the catalog permission and saves nothing', async () => {
    portal = await startBitrix24Portal({ scopes: ['crm', 'user'] });
    const { t, dataDir } = await fresh();
    const res = await saveUrl(t, portal.webhookUrl);
    expect(res.statusCode).toBe(400);
    expect(res.json<Rec>()['message']).toContain('lacks the catalog permission');
    expect(existsSync(path.join(dataDir, SAVED_SETTINGS_FILE))).toBe(false);
  });

  it('a saved webhook is used at once: the next Web Connector run imports into that portal without a restart', async () => {
    portal = await startBitrix24Portal();
    const { t, dataDir } = await fresh();
    const tested = await t.app.inject({
      method: 'POST',
      url: '/setup/bitrix24/test',
      headers: JSON_HEADERS,
      payload: JSON.stringify({ webhookUrl: portal.webhookUrl }),
    });
    expect(tested.statusCode).toBe(200);
    const res = await saveUrl(t, portal.webhookUrl);
    expect(res.statusCode).toBe(200);
    const saved = readFileSync(path.join(dataDir, SAVED_SETTINGS_FILE), 'utf8');
    expect(saved).toContain(portal.webhookUrl);
    const status = (await t.app.inject({ method: 'GET', url: '/status' })).json<Rec>();
    expect(status['bitrix24_configured']).toBe(true);

    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    const driver = new WebConnectorDriver({
      appUrl: `http://127.0.0.1:${address.port}/qbwc`,
      username: 'qbconnector',
      password: TEST_PASSWORD,
      processor: loadCompanyFile(SAMPLE_COMPANY),
      ownerId: '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}',
      fileId: '{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}',
      sleep: async () => undefined,
    });
    expect((await driver.runSession()).outcome).toBe('completed');
    await drainWorker(t);
    expect(portal.list('contact').length).toBeGreaterThan(0);
    const state = (await t.app.inject({ method: 'GET', url: '/setup/state' })).json<Rec>();
    const checks = Object.fromEntries((state['checklist'] as Rec[]).map((c) => [c['key'], c['done']]));
    expect(checks).toEqual({ qbwc: true, portal: true, events: false, import: true });
  });

  it('BITRIX24_WEBHOOK_URL in the environment wins: the page says so and saving is refused', async () => {
    portal = await startBitrix24Portal();
    const { t, dataDir } = await fresh({ BITRIX24_WEBHOOK_URL: portal.webhookUrl });
    const state = (await t.app.inject({ method: 'GET', url: '/setup/state' })).json<Rec>();
    expect((state['bitrix24'] as Rec)['webhookUrlSource']).toBe('env');
    const res = await saveUrl(t, portal.webhookUrl.replace(/\/rest\/1\/[^/]+\//, '/rest/1/othercode/'));
    expect(res.statusCode).toBe(409);
    expect(existsSync(path.join(dataDir, SAVED_SETTINGS_FILE))).toBe(false);
  });
});

describe('saving the outbound webhook application token', () => {
  const event = (token: string): string =>
    new URLSearchParams({ event: 'ONCRMCONTACTUPDATE', 'data[FIELDS][ID]': '5', ts: '1766047124', 'auth[application_token]': token }).toString();
  const deliver = (x: TestApp, token: string) =>
    x.app.inject({ method: 'POST', url: '/bitrix24/webhook', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: event(token) });

  it('events carrying the saved token are accepted at once; a malformed token is refused and changes nothing', async () => {
    const { t } = await fresh();
    const token = 'k2v9q8w7e6r5t4y3u2i1o0p9a8s7d6f5';
    expect((await deliver(t, token)).statusCode).toBe(401);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/setup/bitrix24/application-token',
      headers: JSON_HEADERS,
      payload: JSON.stringify({ applicationToken: 'a b' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<Rec>()['message']).toContain('not an application token');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/setup/bitrix24/application-token',
      headers: JSON_HEADERS,
      payload: JSON.stringify({ applicationToken: token }),
    });
    expect(ok.statusCode).toBe(200);
    expect((await deliver(t, token)).statusCode).toBe(200);
    expect((await deliver(t, 'some-other-token-123')).statusCode).toBe(401);
  });
});
