import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanyHost } from '../../apps/connector/src/companies/company-host.js';
import { expectSoapClientFault } from '../support/hostile-http.js';
import { startMinimalCompanyHost } from '../support/minimal-company-host.js';
import { soapEnvelope, soapHeaders } from '../support/soap.js';
import { snapshotDatabase, startTestApp, testConfig, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const PUBLIC = 'https://qb.example.com';

let t: TestApp | undefined;
let host: CompanyHost | undefined;
afterEach(async () => {
  await t?.close();
  await host?.close();
  t = undefined;
  host = undefined;
});

const start = (env: Record<string, string> = {}): Promise<TestApp> => startTestApp({ config: testConfig({ PUBLIC_URL: PUBLIC, ...env }) });

describe('the WSDL address and the Host header', () => {
  it('a forged Host or X-Forwarded-Host does not change the WSDL: soap:address is PUBLIC_URL', async () => {
    t = await start();
    for (const headers of [{ host: 'localhost:8080' }, { host: '127.0.0.1:1' }, { host: 'qb.example.com', 'x-forwarded-host': 'evil.example' }]) {
      const res = await t.app.inject({ method: 'GET', url: '/qbwc?wsdl', headers });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('location="https://qb.example.com/qbwc"');
      expect(res.body).not.toContain('localhost');
      expect(res.body).not.toContain('evil');
    }
  });

  it('a request addressed to another host is refused: 421 on JSON routes, a SOAP Client fault on the SOAP paths, nothing stored', async () => {
    t = await start();
    const before = await snapshotDatabase(t.db);
    const json = await t.app.inject({ method: 'GET', url: '/health', headers: { host: 'rebound.attacker.example:8080' } });
    expect(json.statusCode).toBe(421);
    expect(json.json<{ message: string }>().message).toContain('answers only to qb.example.com');
    const wsdl = await t.app.inject({ method: 'GET', url: '/qbwc?wsdl', headers: { host: 'rebound.attacker.example' } });
    expect(expectSoapClientFault(wsdl)).toContain('answers only to qb.example.com');
    expect(wsdl.body).not.toContain('rebound');
    const login = await t.app.inject({
      method: 'POST',
      url: '/qbwc',
      headers: { ...soapHeaders('authenticate'), host: 'rebound.attacker.example' },
      payload: soapEnvelope('authenticate', { strUserName: 'qbconnector', strPassword: TEST_PASSWORD }),
    });
    expect(expectSoapClientFault(login)).toContain('answers only to');
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('localhost, 127.0.0.1 and [::1] on any port, and the PUBLIC_URL host, are served', async () => {
    t = await start();
    for (const name of ['localhost', 'LOCALHOST:8080', '127.0.0.1:65535', '[::1]:8080', '[::1]', 'qb.example.com', 'qb.example.com.:443']) {
      const res = await t.app.inject({ method: 'GET', url: '/qbwc', headers: { host: name } });
      expect(res.statusCode, name).toBe(200);
    }
  });

  it.each(['exa mple.com', 'a/b', 'evil.example@localhost', '[zz::1]', 'localhost:99999', 'localhost:port', '-', '.'])(
    'a Host that is not a host name (%s) is refused with 400, not a 500',
    async (bad) => {
      t = await start();
      const res = await t.app.inject({ method: 'GET', url: '/health', headers: { host: bad } });
      expect(res.statusCode).toBe(400);
      expect(res.json<{ message: string }>().message).toBe('The Host header is not a valid host name.');
      expect(expectSoapClientFault(await t.app.inject({ method: 'GET', url: '/qbwc?wsdl', headers: { host: bad } }))).toContain('not a valid host name');
    },
  );

  it("a trusted proxy's X-Forwarded-Host is the host judged; anyone else's is ignored", async () => {
    t = await start({ TRUSTED_PROXIES: '10.0.0.1' });
    const ask = (peer: string, forwardedHost: string) =>
      t?.app.inject({ method: 'GET', url: '/qbwc', headers: { host: 'localhost:8080', 'x-forwarded-host': forwardedHost }, remoteAddress: peer });
    const refused = await ask('10.0.0.1', 'evil.example');
    if (!refused) throw new Error('no app');
    expect(expectSoapClientFault(refused)).toContain('answers only to');
    expect((await ask('10.0.0.1', 'qb.example.com'))?.statusCode).toBe(200);
    expect((await ask('203.0.113.7', 'evil.example'))?.statusCode).toBe(200);
  });

  it('the multi-company router refuses a foreign Host on its own pages and on company paths, and serves localhost', async () => {
    host = await startMinimalCompanyHost({ PUBLIC_URL: PUBLIC });
    const s = host.server;
    expect((await s.inject({ method: 'GET', url: '/', headers: { host: 'evil.example' } })).statusCode).toBe(421);
    expect((await s.inject({ method: 'GET', url: '/health', headers: { host: 'exa mple' } })).statusCode).toBe(400);
    expect(expectSoapClientFault(await s.inject({ method: 'GET', url: '/companies/acme/qbwc?wsdl', headers: { host: 'evil.example' } }))).toContain(
      'answers only to',
    );
    const wsdl = await s.inject({ method: 'GET', url: '/companies/acme/qbwc?wsdl', headers: { host: 'localhost:8080' } });
    expect(wsdl.statusCode).toBe(200);
    expect(wsdl.body).toContain('location="https://qb.example.com/companies/acme/qbwc"');
  });
});

describe('security headers', () => {
  it('every answer says nosniff: pages, JSON, errors, SOAP answers and faults, 404s, Swagger files', async () => {
    t = await start();
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/' }),
      t.app.inject({ method: 'GET', url: '/health' }),
      t.app.inject({ method: 'GET', url: '/no/such/page' }),
      t.app.inject({ method: 'GET', url: '/admin/dead-letters' }),
      t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('serverVersion'), payload: soapEnvelope('serverVersion') }),
      t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('serverVersion'), payload: '<not-soap/>' }),
      t.app.inject({ method: 'GET', url: '/docs/swagger-ui.css' }),
      t.app.inject({ method: 'GET', url: '/health', headers: { host: 'evil.example' } }),
    ]);
    for (const res of answers) expect(res.headers['x-content-type-options'], `${res.statusCode} ${res.body.slice(0, 80)}`).toBe('nosniff');
  });

  it("the multi-company router's own answers say nosniff, and its index page has a CSP that allows nothing active", async () => {
    host = await startMinimalCompanyHost();
    const s = host.server;
    const index = await s.inject({ method: 'GET', url: '/' });
    expect(index.headers['content-security-policy']).toBe("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    for (const url of ['/', '/health', '/status', '/nowhere', '/companies/nobody/qbwc', '/companies/acme/health']) {
      expect((await s.inject({ method: 'GET', url })).headers['x-content-type-options'], url).toBe('nosniff');
    }
    expect(
      (await s.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders('serverVersion'), payload: soapEnvelope('serverVersion') })).headers[
        'x-content-type-options'
      ],
    ).toBe('nosniff');
  });

  it('/docs serves only the files the Swagger UI page loads, each with the CSP', async () => {
    t = await start();
    for (const file of [
      '',
      'index.html',
      'swagger-ui-init.js',
      'swagger-ui-bundle.js',
      'swagger-ui-standalone-preset.js',
      'swagger-ui.css',
      'favicon-32x32.png',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/docs/${file}` });
      expect(res.statusCode, file).toBe(200);
      expect(res.headers['content-security-policy'], file).toContain("script-src 'self'");
    }
    for (const file of [
      'package.json',
      'README.md',
      'swagger-ui-bundle.js.map',
      'swagger-ui.css.map',
      'index.js',
      'oauth2-redirect.html',
      'absolute-path.js',
      '%70ackage.json',
      './package.json',
      'x/../package.json',
      'LICENSE',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/docs/${file}` });
      expect(res.statusCode, file).toBe(404);
      expect(res.body, file).not.toContain('"version"');
    }
  });

  it.skipIf(!existsSync(CHROMIUM))('Swagger UI renders in Chromium under its CSP with no violation', async () => {
    t = await start();
    const url = await t.app.listen(0, '127.0.0.1').then(() => t?.app.getUrl());
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      page.on('pageerror', (e) => violations.push(e.message));
      const res = await page.goto(`${url}/docs/`);
      expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
      await page.locator('.swagger-ui .info .title').waitFor();
      await page.locator('.opblock').first().click();
      await page.locator('.opblock.is-open').first().waitFor();
      // The page's own inline styles apply (the hashes match): the body background comes from one of them.
      // (Browser-side code as strings: this project's TypeScript has no DOM types.)
      expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(250, 250, 250)');
      expect(await page.evaluate("getComputedStyle(document.querySelector('body > svg')).position")).toBe('absolute');
      expect(violations).toEqual([]);
      // And the policy is really enforced: an injected inline script does not run.
      const ran = await page.evaluate(
        "(() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.append(s); return window.injected === true; })()",
      );
      expect(ran).toBe(false);
    } finally {
      await browser.close();
    }
  });
});
