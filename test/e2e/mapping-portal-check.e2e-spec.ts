import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runDriverSession } from '../support/driver-session.js';
import type { Rec } from '../support/record-values.js';
import { ServiceStarter } from '../support/start-service.js';
import { startSwitchableProxy, type SwitchableProxy } from '../support/switchable-proxy.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';
import { tempDataDir } from '../support/test-app.js';

const services = new ServiceStarter();
let portal: Bitrix24Portal | undefined;
let h: Harness | undefined;
let proxy: SwitchableProxy | undefined;
afterEach(async () => {
  services.stopAll();
  await portal?.close();
  await h?.close();
  await proxy?.close();
  portal = undefined;
  h = undefined;
  proxy = undefined;
});

const SECRETS = { QBWC_PASSWORD: 'correct-horse-battery-staple-42', ADMIN_TOKEN: 'test-admin-token-0123456789abcdef', PORT: '0', HOST: '127.0.0.1' };
const stagesOf = (n: number, paid = 'WON') => ({
  invoiceOpen: `C${n}:EXECUTING`,
  invoicePartiallyPaid: `C${n}:EXECUTING`,
  invoicePaid: `C${n}:${paid}`,
  estimate: `C${n}:NEW`,
  deleted: `C${n}:LOSE`,
});
const REGION = { qb: { entity: 'customer', name: 'Region' }, b24: { entity: 'contact', field: 'UF_CRM_REGION' }, direction: 'both' };

describe('a mapping the Bitrix24 portal contradicts stops the service at start', () => {
  it.each([
    [
      'a pipeline the portal does not have',
      () => ({ deals: { categoryId: 5, stages: stagesOf(5) } }),
      ['deals.categoryId: pipeline 5 does not exist in the portal'],
    ],
    [
      'a stage its pipeline does not have',
      (pipeline: number) => ({ deals: { categoryId: pipeline, stages: stagesOf(pipeline, 'INVOICED') } }),
      [(pipeline: number) => `deals.stages.invoicePaid: "C${pipeline}:INVOICED" is not a stage of pipeline ${pipeline} in the portal`],
    ],
    [
      'a user field, a contact type and a vendor type the portal does not have',
      () => ({ customFields: [REGION], toQuickBooks: { contactTypes: ['CLIENT', 'VIP'] }, vendors: { contactType: 'VENDOR' } }),
      [
        'customFields[0].b24.field: UF_CRM_REGION does not exist on Bitrix24 contact records',
        'toQuickBooks.contactTypes[1]: "VIP" is not a contact type in the portal',
        'vendors.contactType: "VENDOR" is not a contact type in the portal',
      ],
    ],
  ])('%s', async (_what, file, expected) => {
    portal = await startBitrix24Portal();
    const pipeline = portal.addDealCategory('Sales');
    const cwd = services.folder();
    writeFileSync(path.join(cwd, 'mapping.json'), JSON.stringify(file(pipeline)));
    const run = services.start({ ...SECRETS, BITRIX24_WEBHOOK_URL: portal.webhookUrl }, cwd);
    expect(await run.exited).toBe(78);
    for (const e of expected) expect(run.output()).toContain(`mapping does not match the Bitrix24 portal: ${typeof e === 'string' ? e : e(pipeline)}`);
  });
});

describe('a mapping the portal contradicts, found on the first contact after an unreachable start', () => {
  it('stops the Bitrix24 worker (the pages wait), and /health and the Web Connector status say why', async () => {
    proxy = await startSwitchableProxy();
    const dir = tempDataDir();
    const file = path.join(dir.dir, 'mapping.json');
    writeFileSync(file, JSON.stringify({ customFields: [REGION] }));
    const code = 'mappingcheck1';
    const qb = generateSampleCompany({ seed: 7, scale: { customers: 3, vendors: 0, items: 0, invoices: 0, estimates: 0 } });
    try {
      h = await startHarness({
        qb,
        portal: { code },
        env: { BITRIX24_WEBHOOK_URL: `http://127.0.0.1:${proxy.port}/rest/1/${code}/`, BITRIX24_MAX_RETRIES: '0', MAPPING_FILE: file },
      });
      const x = h;
      const pending = (await x.t.app.inject({ method: 'GET', url: '/health' })).json<{ checks: Record<string, Rec> }>();
      expect(pending.checks['mapping']).toMatchObject({ status: 'degraded' });

      expect((await runDriverSession(x)).outcome).toBe('completed');
      proxy.forwardTo(Number(new URL(x.portal.webhookUrl).port));
      await drainWorker(x.t);
      expect(x.portal.list('contact')).toEqual([]);

      const health = (await x.t.app.inject({ method: 'GET', url: '/health' })).json<{ status: string; checks: Record<string, Rec> }>();
      expect(health.status).toBe('error');
      expect(health.checks['mapping']?.['detail']).toContain('customFields[0].b24.field: UF_CRM_REGION does not exist on Bitrix24 contact records');
      const second = await runDriverSession(x);
      expect(second.statusText).toContain(
        'Bitrix24 writes are stopped: the mapping file does not match the portal (customFields[0].b24.field: UF_CRM_REGION does not exist on Bitrix24 contact records); fix it and restart',
      );
      // Nothing was lost: the pages still wait for a fixed mapping.
      const backlog = (await x.t.app.inject({ method: 'GET', url: '/status' })).json<Rec>()['bitrix24_backlog'] as Rec;
      expect(Number(backlog['records'])).toBeGreaterThan(0);
    } finally {
      dir.cleanup();
    }
  });
});

describe('a mapping the portal agrees with', () => {
  it('starts, and /health says the mapping matches the portal', async () => {
    h = await startHarness({});
    const health = (await h.t.app.inject({ method: 'GET', url: '/health' })).json<{ checks: Record<string, Rec> }>();
    expect(health.checks['mapping']).toEqual({ status: 'ok', detail: 'the mapping matches the Bitrix24 portal' });
  });
});
