import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOOT_ID } from '../../apps/connector/src/qbwc/boot-id.js';
import { runDriverSession } from '../support/driver-session.js';
import { portalCensus } from '../support/portal-census.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { FILE_ID, HARNESS_APPLICATION_TOKEN, OWNER_ID } from '../support/sync-harness.js';
import { startTestApp, tempDataDir, testConfig, type TestApp } from '../support/test-app.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function call(t: TestApp, op: string, params: Record<string, string | number>): Promise<string | string[]> {
  const res = await t.app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders(op), payload: soapEnvelope(op, params) });
  return readResult(op, res.body);
}

describe('a restart in the middle of a Web Connector session (in-process)', () => {
  it('the next run after a restart gets a session, not "busy", and completes: every record reaches Bitrix24 once', async () => {
    const data = tempDataDir();
    cleanups.push(data.cleanup);
    const portal: Bitrix24Portal = await startBitrix24Portal();
    cleanups.push(() => portal.close());
    const qb = generateSampleCompany({ seed: 19, scale: { customers: 6, vendors: 1, items: 3, invoices: 4, estimates: 1 } });
    const config = testConfig({
      BITRIX24_WEBHOOK_URL: portal.webhookUrl,
      BITRIX24_APPLICATION_TOKEN: HARNESS_APPLICATION_TOKEN,
      DATABASE_URL: `sqlite:${path.join(data.dir, 'restart.sqlite')}`,
    });

    // The first process: Web Connector authenticates and gets one request, then the process goes away.
    const first = await startTestApp({ config });
    const [ticket = '', company = ''] = await call(first, 'authenticate', { strUserName: 'qbconnector', strPassword: config.qbwc.password });
    expect(company).toBe(config.qbwc.companyFile);
    const rq = await call(first, 'sendRequestXML', {
      ticket,
      strHCPResponse: qb.hcpResponse(OWNER_ID, FILE_ID),
      strCompanyFileName: company,
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    });
    expect(rq).toContain('<QBXML');
    await first.close();

    // A new process: a fresh module graph, so a fresh BOOT_ID (a module constant, drawn once per process load).
    // The clock has not moved, so only the boot tells the new run that the open session's process is gone.
    vi.resetModules();
    const fresh = await import('../support/test-app.js');
    const freshBoot = (await import('../../apps/connector/src/qbwc/boot-id.js')).BOOT_ID;
    const { B24SyncWorkerService } = await import('../../apps/connector/src/sync/b24-sync-worker.service.js');
    expect(freshBoot).not.toBe(BOOT_ID);
    const second = await fresh.startTestApp({ config, clock: first.clock });
    cleanups.push(() => second.close());
    await second.app.listen(0, '127.0.0.1');
    const address = second.app.getHttpServer().address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');

    const run = await runDriverSession({ url: `http://127.0.0.1:${address.port}`, qb });
    expect(run.outcome, run.statusText).toBe('completed');
    await second.app.get(B24SyncWorkerService).drain({ retryNow: true });
    expect(portalCensus(portal, qb)).toEqual({ missing: [], duplicated: [] });
  });
});
