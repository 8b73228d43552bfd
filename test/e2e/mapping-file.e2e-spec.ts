import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceStarter } from '../support/start-service.js';
import { drainWorker, startHarness } from '../support/sync-harness.js';
import { startTestApp, TEST_ADMIN_TOKEN, tempDataDir, testConfig } from '../support/test-app.js';

const services = new ServiceStarter();
afterEach(() => services.stopAll());

const SECRETS = { QBWC_PASSWORD: 'correct-horse-battery-staple-42', ADMIN_TOKEN: 'test-admin-token-0123456789abcdef', PORT: '0', HOST: '127.0.0.1' };
const C2_STAGES = { invoiceOpen: 'C2:EXECUTING', invoicePartiallyPaid: 'C2:EXECUTING', invoicePaid: 'C2:WON', estimate: 'C2:NEW', deleted: 'C2:LOSE' };

// Each case starts the built service (as `npm start` does); the unit table in
// apps/connector/src/config/mapping-file/__tests__ covers every rule, this one proves the exit code and the message.
describe('a bad mapping file stops the service at start', () => {
  it.each([
    ['broken JSON, with its line and column', '{\n  "deals": { "currency": "EUR", }\n}', 'not valid JSON', 'line 2, column 33'],
    ['a typo in a key', { deals: { curency: 'EUR' } }, 'deals.curency: unknown key', ''],
    [
      'a stage of another pipeline',
      { deals: { categoryId: 2, stages: { ...C2_STAGES, invoicePaid: 'C3:WON' } } },
      'deals.stages.invoicePaid: "C3:WON" is not a stage of pipeline 2',
      '',
    ],
    ['an unknown amount rule', { deals: { amount: 'gross' } }, 'deals.amount: "gross" is not one of', ''],
    ['contact types as a string', { toQuickBooks: { contactTypes: 'CLIENT' } }, 'toQuickBooks.contactTypes: must be a list', ''],
    [
      'a custom field on a record the sync does not link',
      { customFields: [{ qb: { entity: 'item', name: 'Color' }, b24: { entity: 'contact', field: 'UF_CRM_COLOR' }, direction: 'both' }] },
      'customFields[0].b24.entity: a QuickBooks item syncs with a Bitrix24 product, not a contact',
      '',
    ],
    ['an unknown delete policy', { deletes: { fromQuickBooks: 'purge' } }, 'deletes.fromQuickBooks: "purge" is not one of "mark", "delete"', ''],
  ])('%s', async (_what, content, message, detail) => {
    const cwd = services.folder();
    const file = path.join(cwd, 'rules.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    const run = services.start({ ...SECRETS, MAPPING_FILE: 'rules.json' }, cwd);
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain(`mapping file ${file}: ${message}`);
    expect(run.output()).toContain(detail);
    expect(run.output()).not.toContain(SECRETS.QBWC_PASSWORD);
  });

  it('names every bad key of a file at once', async () => {
    const cwd = services.folder();
    writeFileSync(path.join(cwd, 'mapping.json'), JSON.stringify({ deals: { currency: 'usd', amount: 'gross' }, deletes: { fromQuickBooks: 'purge' } }));
    const run = services.start(SECRETS, cwd);
    expect(await run.exited).toBe(78);
    for (const key of ['deals.currency', 'deals.amount', 'deletes.fromQuickBooks']) expect(run.output()).toContain(key);
  });

  it('a MAPPING_FILE that does not exist is refused rather than silently replaced by the defaults', async () => {
    const run = services.start({ ...SECRETS, MAPPING_FILE: 'missing.json' });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('missing.json cannot be read (no such file)');
  });
});

describe('GET /admin/mapping', () => {
  const AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  it('without a mapping file shows the built-in defaults and no differences', async () => {
    const t = await startTestApp();
    try {
      const res = await t.app.inject({ method: 'GET', url: '/admin/mapping', headers: AUTH });
      expect(res.statusCode).toBe(200);
      const body = res.json<{ source: string; differences: unknown[]; rules: { deals: { stages: { invoicePaid: string } }; toQuickBooks: unknown } }>();
      expect(body.source).toBe('built-in defaults');
      expect(body.differences).toEqual([]);
      expect(body.rules.deals.stages.invoicePaid).toBe('WON');
      expect(body.rules.toQuickBooks).toEqual({
        contactTypes: ['CLIENT'],
        companyTypes: ['CUSTOMER'],
        products: true,
        deals: { enabled: false, stages: ['WON'], create: 'salesOrder', txnIdField: null },
      });
    } finally {
      await t.close();
    }
  });

  it('with a file shows the file, the rules in force and each key that differs from the default', async () => {
    const dir = tempDataDir();
    const file = path.join(dir.dir, 'mapping.json');
    writeFileSync(
      file,
      JSON.stringify({ deals: { categoryId: 2, stages: C2_STAGES, currency: 'EUR' }, toQuickBooks: { contactTypes: ['CLIENT', 'PARTNER'] } }),
    );
    const t = await startTestApp({ config: testConfig({ MAPPING_FILE: file }) });
    try {
      const body = (await t.app.inject({ method: 'GET', url: '/admin/mapping', headers: AUTH })).json<{ source: string; differences: unknown[] }>();
      expect(body.source).toBe(file);
      expect(body.differences).toEqual([
        { path: 'deals.categoryId', value: 2, default: 0 },
        { path: 'deals.stages.invoiceOpen', value: 'C2:EXECUTING', default: 'EXECUTING' },
        { path: 'deals.stages.invoicePartiallyPaid', value: 'C2:EXECUTING', default: 'EXECUTING' },
        { path: 'deals.stages.invoicePaid', value: 'C2:WON', default: 'WON' },
        { path: 'deals.stages.estimate', value: 'C2:NEW', default: 'PREPARATION' },
        // A file written before these two keys: they follow its paid stage and its pipeline.
        { path: 'deals.stages.salesReceipt', value: 'C2:WON', default: 'WON' },
        { path: 'deals.stages.creditMemo', value: 'C2:APOLOGY', default: 'APOLOGY' },
        // not named by the file: its pipeline's open-invoice stage
        { path: 'deals.stages.salesOrder', value: 'C2:EXECUTING', default: 'PREPAYMENT_INVOICE' },
        { path: 'deals.stages.deleted', value: 'C2:LOSE', default: 'LOSE' },
        { path: 'deals.currency', value: 'EUR', default: 'USD' },
        { path: 'toQuickBooks.contactTypes', value: ['CLIENT', 'PARTNER'], default: ['CLIENT'] },
      ]);
      expect((await t.app.inject({ method: 'GET', url: '/admin/mapping' })).statusCode).toBe(401);
    } finally {
      await t.close();
      dir.cleanup();
    }
  });

  it('ESTIMATE_STAGE_ID without a file shows as a difference in the estimate stage', async () => {
    const t = await startTestApp({ config: testConfig({ ESTIMATE_STAGE_ID: 'NEW' }) });
    try {
      const body = (await t.app.inject({ method: 'GET', url: '/admin/mapping', headers: AUTH })).json<{ differences: unknown[] }>();
      expect(body.differences).toEqual([{ path: 'deals.stages.estimate', value: 'NEW', default: 'PREPARATION' }]);
    } finally {
      await t.close();
    }
  });
});

describe('the dashboard Mapping panel', () => {
  it('shows the rules in force from the file, the changed keys marked, and never the folder of the file', async () => {
    const dir = tempDataDir();
    const file = path.join(dir.dir, 'acme-rules.json');
    writeFileSync(file, JSON.stringify({ deals: { currency: 'EUR' }, toQuickBooks: { products: false } }));
    const t = await startTestApp({ config: testConfig({ MAPPING_FILE: file }) });
    try {
      const html = (await t.app.inject({ method: 'GET', url: '/' })).body;
      expect(html).toContain('<h2 id="h-map">Mapping</h2>');
      expect(html).toContain('Rules from <strong id="mapping-source">acme-rules.json</strong>; <span id="mapping-changed">2</span> keys differ');
      expect(html).toContain('<mark data-mapping-key="deals.currency">&quot;EUR&quot;</mark> <span class="changed">(changed)</span>');
      expect(html).toContain('<mark data-mapping-key="toQuickBooks.products">false</mark>');
      expect(html).toContain('<span data-mapping-key="deals.amount">&quot;subtotal&quot;</span>');
      expect(html).not.toContain(dir.dir);
    } finally {
      await t.close();
      dir.cleanup();
    }
  });
});

describe('the mapping file drives the QuickBooks → Bitrix24 mapping', () => {
  it('deal stages and the vendor contact type come from the file', async () => {
    const dir = tempDataDir();
    const file = path.join(dir.dir, 'mapping.json');
    writeFileSync(
      file,
      JSON.stringify({
        deals: { stages: { invoiceOpen: 'PREPAYMENT_INVOICE', invoicePartiallyPaid: 'PREPAYMENT_INVOICE', invoicePaid: 'FINAL_INVOICE' } },
        vendors: { contactType: 'PARTNER' },
      }),
    );
    const qb = generateSampleCompany({ seed: 21, scale: { customers: 3, vendors: 2, items: 2, invoices: 4, estimates: 0 } });
    const h = await startHarness({ qb, env: { MAPPING_FILE: file } });
    try {
      expect((await h.session()).outcome).toBe('completed');
      await drainWorker(h.t);
      const deals = h.portal.list('deal');
      expect(deals.length).toBeGreaterThan(0);
      for (const d of deals) expect(['PREPAYMENT_INVOICE', 'FINAL_INVOICE']).toContain(d['STAGE_ID']);
      const contactTypes = h.portal.list('contact').map((c) => c['TYPE_ID']);
      expect(contactTypes.filter((t) => t === 'PARTNER')).toHaveLength(2);
      expect(contactTypes).not.toContain('SUPPLIER');
    } finally {
      await h.close();
      dir.cleanup();
    }
  });
});
