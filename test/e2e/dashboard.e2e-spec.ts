import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { SyncErrorEntity } from '../../apps/connector/src/sync/sync-error.entity.js';
import { SyncJournalRepository } from '../../apps/connector/src/sync/sync-journal.repository.js';
import { generateSampleCompany, QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { startMultiCompanyHarness } from '../support/multi-company-harness.js';
import { startHarness, type Harness } from '../support/sync-harness.js';
import { startTestApp, TEST_ADMIN_TOKEN, TEST_PASSWORD } from '../support/test-app.js';
import { s, type Rec } from '../support/record-values.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-output', 'screenshots');
const AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function imported(): Promise<Harness> {
  const harness = await startHarness();
  expect((await harness.session()).outcome).toBe('completed');
  return harness;
}

async function adminGet(x: Harness, url: string): Promise<{ status: number; body: Rec }> {
  const res = await x.t.app.inject({ method: 'GET', url, headers: AUTH });
  return { status: res.statusCode, body: res.json<Rec>() };
}

async function deadLetter(x: Harness, b24Id: string): Promise<number> {
  const now = new Date();
  const res = await x.t.db.getRepository(OutboxEntity).insert({
    idempotencyKey: `dashboard-test:${b24Id}`,
    b24Entity: 'contact',
    b24Id,
    qbEntity: 'customer',
    qbId: null,
    operation: 'add',
    payloadJson: '{}',
    status: 'dead',
    attempts: 8,
    notBefore: now,
    ticketHash: null,
    lastError: 'QuickBooks refused the name (gave up after 8 attempts)',
    lastErrorCode: 'QB_3100',
    createdAt: now,
    updatedAt: now,
  });
  return Number(res.identifiers[0]?.['id']);
}

describe('GET /admin/reconcile', () => {
  it('after an import every link has its Bitrix24 record, and the deal amount total matches the portal', async () => {
    h = await imported();
    const { status, body } = await adminGet(h, '/admin/reconcile');
    expect(status).toBe(200);
    expect(body['missing']).toEqual([]);
    const entities = body['entities'] as Rec[];
    const deal = entities.find((e) => e['b24Entity'] === 'deal') ?? {};
    const deals = h.portal.list('deal').filter((d) => d['ORIGINATOR_ID'] === 'QUICKBOOKS');
    const linked = await h.t.db.getRepository(IdMappingEntity).countBy({ b24Entity: 'deal' });
    expect(deal['linked']).toBe(linked);
    expect(deal['b24FromQuickBooks']).toBe(deals.length);
    const cents = deals.reduce((n, d) => n + Math.round(Number(s(d['OPPORTUNITY'])) * 100), 0);
    expect(deal['b24AmountTotal']).toBe((cents / 100).toFixed(2));
    const contact = entities.find((e) => e['b24Entity'] === 'contact') ?? {};
    expect(contact['b24Total']).toBe(h.portal.list('contact').length);
    // jobs share their parent's contact, so distinct linked records equal the portal's contacts
    expect(contact['linked']).toBe(contact['b24Total']);
  });

  it('lists a linked record that was deleted in Bitrix24 as missing', async () => {
    h = await imported();
    const link = await h.t.db.getRepository(IdMappingEntity).findOneByOrFail({ qbEntity: 'item', b24Entity: 'product' });
    h.portal.ui.delete('product', Number(link.b24Id));
    const { body } = await adminGet(h, '/admin/reconcile');
    expect(body['missing']).toEqual([{ qbEntity: 'item', qbId: link.qbId, b24Id: link.b24Id, b24Entity: 'product' }]);
    expect((body['entities'] as Rec[]).find((e) => e['b24Entity'] === 'product')?.['missingInB24']).toBe(1);
  });

  it('refuses a request without the admin token', async () => {
    h = await startHarness();
    const res = await h.t.app.inject({ method: 'GET', url: '/admin/reconcile' });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET / (dashboard page, no browser)', () => {
  it('needs no token, shows the counts, and contains no secret and no customer name', async () => {
    h = await imported();
    const res = await h.t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const total = await h.t.db.getRepository(IdMappingEntity).count();
    expect(res.body).toContain(`<strong id="mappings-total">${total}</strong>`);
    const code = new URL(h.portal.webhookUrl).pathname.split('/')[3] ?? 'missing';
    for (const secret of [TEST_PASSWORD, TEST_ADMIN_TOKEN, code, 'harness-application-token']) expect(res.body).not.toContain(secret);
    const names = h.qb
      .ids('Customer')
      .map((id) => s((h?.qb.getRet(id) as Rec)['Name']))
      .filter((n) => n.length > 3);
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(res.body).not.toContain(name);
    const js = await h.t.app.inject({ method: 'GET', url: '/dashboard/dashboard.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
  });

  it('a QuickBooks "name in use" error, as the queue records it, is explained with the rename-and-requeue advice', async () => {
    const t = await startTestApp();
    try {
      // The dead-letter path writes `QB_<statusCode>` (outbox-dispatcher dead()); the page must explain that code.
      const statusCode = 3100;
      await t.app.get(SyncJournalRepository).error(
        {
          source: 'b24->qb',
          entity: 'contact',
          recordId: '42',
          code: `QB_${statusCode}`,
          message: 'The name "Acme" of the list element is already in use. (gave up after 8 attempts)',
        },
        new Date(),
      );
      const res = await t.app.inject({ method: 'GET', url: '/' });
      expect(res.body).toContain('QuickBooks already has a record with the name of a contact.');
      expect(res.body).toContain('Rename one of them, then requeue the dead letter.');
      expect(res.body).not.toContain('Acme');
    } finally {
      await t.close();
    }
  });
});

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`dashboard browser test skipped: ${CHROMIUM} is missing (apt-get install chromium); CI installs it`);

describe.skipIf(!haveChromium)('dashboard in a browser', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows what /status and the admin API report, and the operator requeues a dead letter from the page', async () => {
    h = await imported();
    const link = await h.t.db.getRepository(IdMappingEntity).findOneByOrFail({ qbEntity: 'customer', b24Entity: 'contact' });
    const rowId = await deadLetter(h, link.b24Id);
    const now = new Date();
    await h.t.db
      .getRepository(SyncErrorEntity)
      .insert({ runId: null, source: 'b24->qb', entity: 'contact', recordId: link.b24Id, code: 'QB_3100', message: 'secret-ish detail', createdAt: now });
    const status = (await h.t.app.inject({ method: 'GET', url: '/status' })).json<Rec>();

    const page = await (browser as Browser).newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(`${h.url}/`);
    expect(await page.textContent('#mappings-total')).toBe(String(status['id_mappings']));
    expect(await page.textContent('[data-queue="dead"]')).toBe(String(status['dead_letters']));
    expect(await page.textContent('#syncs-24h')).toBe(String(status['syncs_last_24h']));
    expect(await page.textContent('#session-state')).toBe(s((status['last_qbwc_contact'] as Rec)['state']));
    expect(await page.textContent('#errors')).toContain('Rename one of them, then requeue');
    expect(await page.textContent('body')).not.toContain('secret-ish detail');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-overview.png'), fullPage: true });

    // Keyboard only: the token field is labelled and Enter submits it.
    await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
    await page.getByLabel('Admin token').press('Enter');
    const requeue = page.getByRole('button', { name: `Requeue row ${rowId}` });
    await requeue.waitFor();
    const dead = (await adminGet(h, '/admin/dead-letters')).body as unknown as Rec[];
    expect(await page.locator('#dead-letters tbody tr').count()).toBe(dead.length);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-dead-letters.png'), fullPage: true });
    await requeue.focus();
    await page.keyboard.press('Enter');
    await page.getByText(`Row ${rowId} is back in the queue.`).waitFor();
    const row = await h.t.db.getRepository(OutboxEntity).findOneByOrFail({ id: rowId });
    expect(row.status).toBe('pending');
    expect(row.attempts).toBe(0);
    await page.getByText('No dead letters.').waitFor();

    // The error's timeline button loads the record history through the admin API.
    await page.getByRole('button', { name: `Show record ${link.b24Id} timeline` }).click();
    await page.locator('#timeline table').waitFor();
    expect(await page.textContent('#timeline')).toContain('requeue');
    await page.getByRole('button', { name: 'Run reconcile' }).click();
    await page.getByText('Reconciled: every linked record exists in Bitrix24.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-after-requeue.png'), fullPage: true });
    await page.close();
  });

  it("under /companies/<id>/ the page loads its assets and calls that company's admin API", async () => {
    const beta = generateSampleCompany({ seed: 31, scale: { customers: 6, vendors: 1, items: 3, invoices: 4, estimates: 1 } });
    const mc = await startMultiCompanyHarness({
      companies: [{ id: 'acme' }, { id: 'beta', qb: QuickBooksCompany.fromJSON({ ...beta.toJSON(), companyFilePath: 'C:\\Company Files\\Beta.QBW' }) }],
    });
    try {
      expect((await mc.session('beta')).outcome).toBe('completed');
      const page = await (browser as Browser).newPage();
      await page.goto(`${mc.url}/companies/beta/`);
      await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
      await page.getByLabel('Admin token').press('Enter');
      // Both answers come from beta's admin API: at the root these calls would get 404s and an error message.
      await page.getByText('No dead letters.').waitFor();
      await page.getByRole('button', { name: 'Run reconcile' }).click();
      await page.getByText('Reconciled: every linked record exists in Bitrix24.').waitFor();
      expect(await page.textContent('#mappings-total')).not.toBe('0');
      await page.screenshot({ path: path.join(SHOTS, 'dashboard-company-beta.png'), fullPage: true });
      await page.close();
    } finally {
      await mc.close();
    }
  });

  it('a wrong token is refused with a message the operator can act on', async () => {
    h = await imported();
    const page = await (browser as Browser).newPage();
    await page.goto(`${h.url}/`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByText('The admin token was refused. Check it and enter it again.').waitFor();
    await page.close();
  });
});
