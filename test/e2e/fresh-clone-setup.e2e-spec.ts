import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { loadQwc, WebConnectorDriver } from '@qb-b24/qbwc-driver';
import { loadCompanyFile } from '@qb-b24/quickbooks-emulator';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SAMPLE_COMPANY } from '../support/sync-harness.js';
import { freePort } from '../support/service-process.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
/** Variables of the connector a developer's shell may hold: the fresh install must see none of them. */
const CONNECTOR_VARS =
  /^(PORT|HOST|PUBLIC_URL|DATABASE_URL|DATA_DIR|QBWC_.*|QB_.*|BITRIX24_.*|ADMIN_TOKEN|LOG_LEVEL|LOG_FORMAT|SYNC_.*|ESTIMATE_STAGE_ID|B24_POLL_SECONDS|COMPANIES|COMPANY_.*|TRUSTED_PROXIES)$/;
/** What Bitrix24 would show as the outbound webhook's application token (the person copies it from there). */
const PORTAL_APPLICATION_TOKEN = 'b7x2k9q4m1n8p5r3t6v0w2y4z6a8c0e2';

/**
 * A fresh clone of this repository's HEAD. Its node_modules is this checkout's, linked entry by entry instead of a
 * networked `npm ci`: CI and developer machines may have no registry access, and the point here is the clone's own
 * sources and build, not the download. The workspace links (@qb-b24/*) are made anew so they point into the clone.
 */
function freshClone(): string {
  const work = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-fresh-clone-'));
  const repo = path.join(work, 'repo');
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, repo], { stdio: 'ignore' });
  const from = path.join(ROOT, 'node_modules');
  const to = path.join(repo, 'node_modules');
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (entry === '@qb-b24') continue;
    symlinkSync(path.join(from, entry), path.join(to, entry));
  }
  mkdirSync(path.join(to, '@qb-b24'));
  for (const pkg of readdirSync(path.join(from, '@qb-b24'))) {
    // Relative targets (../../libs/x), so they resolve inside the clone.
    symlinkSync(readlinkSync(path.join(from, '@qb-b24', pkg)), path.join(to, '@qb-b24', pkg));
  }
  return repo;
}

/** `npm start` in the clone, in its own process group so the build and the service stop together. */
function npmStart(repo: string, port: number): { child: ChildProcess; output: () => string } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CONNECTOR_VARS.test(k)) env[k] = v;
  // Only where it listens: a fresh data folder (./data in the clone), generated password and admin token, no Bitrix24.
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://localhost:${port}`, QB_TIME_ZONE: 'America/New_York' });
  const child = spawn('npm', ['start'], { cwd: repo, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-6000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => tail };
}

async function untilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}): ${output()}`);
    try {
      const res = await fetch(url);
      await res.text();
      if (res.ok) return;
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
    }
    if (Date.now() > deadline) throw new Error(`the service did not answer ${url} within 240 s: ${output()}`);
    // Readiness polling, not a timing assertion: the build and start print nothing machine-readable.
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('first run from a fresh clone, following only the setup page', () => {
  let browser: Browser | undefined;
  let portal: Bitrix24Portal | undefined;
  let service: { child: ChildProcess; output: () => string } | undefined;
  let repo: string | undefined;
  afterAll(async () => {
    await browser?.close();
    portal?.setEvents(undefined);
    await portal?.idle();
    const pid = service?.child.pid;
    if (pid !== undefined && service?.child.exitCode === null) {
      const gone = once(service.child, 'exit');
      process.kill(-pid, 'SIGTERM');
      await gone;
    }
    await portal?.close();
    if (repo) rmSync(path.dirname(repo), { recursive: true, force: true });
  });

  it('reaches a finished first import with every checklist line green', { timeout: 480_000 }, async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: install Chromium (apt-get install chromium); CI installs it. This test is not skipped.`);
    mkdirSync(SHOTS, { recursive: true });
    repo = freshClone();
    const port = await freePort();
    service = npmStart(repo, port);
    const base = `http://127.0.0.1:${port}`;
    await untilServing(`${base}/setup`, service.child, service.output);
    portal = await startBitrix24Portal();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });

    // The dashboard of a fresh install leads to the setup page.
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Open the setup page' }).click();
    await page.locator('#setup-body').waitFor();
    const password = (await page.textContent('#qbwc-password')) ?? '';
    const username = (await page.textContent('#qbwc-username')) ?? '';
    const handlerUrl = (await page.textContent('#handler-url')) ?? '';
    expect(password.length).toBeGreaterThan(16);
    expect(handlerUrl).toBe(`http://localhost:${port}/bitrix24/webhook`);
    expect(await page.locator('#event-names li').allTextContents()).toContain('ONCRMCONTACTUPDATE');
    expect(await page.locator('#checklist [data-done="true"]').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'setup-fresh.png'), fullPage: true });

    // Step 2: the inbound webhook, tested and saved.
    await page.getByLabel('Inbound webhook URL').fill(portal.webhookUrl);
    await page.getByRole('button', { name: 'Test and save' }).click();
    await page.getByText('Saved and in use.').waitFor();
    await page.locator('#checklist [data-check="portal"][data-done="true"]').waitFor();

    // Step 3: the outbound webhook, created in the portal exactly as the page says, and its token pasted back.
    portal.setEvents({ handlerUrl, applicationToken: PORTAL_APPLICATION_TOKEN });
    await page.getByLabel('Application token').fill(PORTAL_APPLICATION_TOKEN);
    await page.getByRole('button', { name: 'Save token' }).click();
    await page.getByText('Saved. Events from Bitrix24').waitFor();

    // Step 1: the .qwc, downloaded and added to Web Connector, which then runs with the page's password.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download connector.qwc' }).click()]);
    const qwcPath = await download.path();
    const qwc = await loadQwc(readFileSync(qwcPath, 'utf8'), { verifyAppSupport: true });
    expect(qwc.runEverySeconds).toBe(15 * 60);
    expect(qwc.userName).toBe(username);
    const driver = new WebConnectorDriver({
      appUrl: qwc.appUrl,
      username: qwc.userName,
      password,
      processor: loadCompanyFile(SAMPLE_COMPANY),
      ownerId: qwc.ownerId,
      fileId: qwc.fileId,
      sleep: async () => undefined,
    });
    expect((await driver.runSession()).outcome).toBe('completed');

    // The page's own polling turns the checklist green once the import has reached Bitrix24 and events arrive.
    await page.locator('#setup-complete').waitFor({ timeout: 240_000 });
    expect(await page.locator('#checklist [data-done="true"]').count()).toBe(4);
    expect(portal.list('contact').length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, 'setup-complete.png'), fullPage: true });

    await page.goto(`${base}/`);
    expect(await page.locator('#setup-link').count()).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-after-setup.png'), fullPage: true });
  });
});
