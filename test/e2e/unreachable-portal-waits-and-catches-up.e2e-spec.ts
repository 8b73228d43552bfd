import type { QuickBooksRequestProcessor } from '@qb-b24/qbwc-driver';
import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { runDriverSession } from '../support/driver-session.js';
import { portalCensus } from '../support/portal-census.js';
import { type Rec } from '../support/record-values.js';
import { startSwitchableProxy, type SwitchableProxy } from '../support/switchable-proxy.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
let proxy: SwitchableProxy | undefined;
afterEach(async () => {
  await h?.close();
  await proxy?.close();
  h = undefined;
  proxy = undefined;
});

const PORTAL_CODE = 'unreachabletest1';

/** QuickBooks as Web Connector drives it, except that the Bitrix24 worker gets one full try before each request. */
function workerTriesBeforeEachRequest(x: Harness): QuickBooksRequestProcessor {
  return {
    companyFilePath: x.qb.companyFilePath,
    openSession: (p) => x.qb.openSession(p),
    hcpResponse: (o, f) => x.qb.hcpResponse(o, f),
    processRequest: async (rq) => {
      await drainWorker(x.t);
      return x.qb.processRequest(rq);
    },
    closeSession: () => x.qb.closeSession(),
  };
}

describe('Bitrix24 unreachable during a first import', () => {
  it('the session completes and says Bitrix24 is unreachable and how much waits; once the portal is back, every record arrives once', async () => {
    proxy = await startSwitchableProxy();
    const qb = generateSampleCompany({ seed: 15, scale: { customers: 8, vendors: 2, items: 4, invoices: 6, estimates: 2 } });
    h = await startHarness({
      qb,
      portal: { code: PORTAL_CODE },
      // The webhook goes through the proxy, which refuses every connection for now; no client retries, so the
      // worker's one try fails at once.
      env: { BITRIX24_WEBHOOK_URL: `http://127.0.0.1:${proxy.port}/rest/1/${PORTAL_CODE}/`, BITRIX24_MAX_RETRIES: '0' },
    });
    const x = h;

    const result = await runDriverSession(x, { processor: workerTriesBeforeEachRequest(x) });
    expect(result.outcome, result.statusText).toBe('completed');

    const backlog = (await x.t.app.inject({ method: 'GET', url: '/status' })).json<Rec>()['bitrix24_backlog'] as Rec;
    expect(backlog['link']).toBe('unreachable');
    const waiting = Number(backlog['records']);
    expect(waiting).toBeGreaterThan(0);
    // The harness clock stands at 15:00 UTC on 2 March: 10:00 on the QuickBooks PC (QB_TIME_ZONE America/New_York).
    expect(result.statusText).toContain(`Bitrix24 unreachable since 10:00; ${waiting} changes wait and will be sent automatically.`);
    expect(result.statusText).not.toMatch(/^OK\.?$/);
    expect(x.portal.list('deal')).toEqual([]);

    proxy.forwardTo(Number(new URL(x.portal.webhookUrl).port));
    await drainWorker(x.t);
    expect(portalCensus(x.portal, x.qb)).toEqual({ missing: [], duplicated: [] });
    const after = (await x.t.app.inject({ method: 'GET', url: '/status' })).json<Rec>()['bitrix24_backlog'] as Rec;
    expect(after).toMatchObject({ records: 0, link: 'ok' });
  });
});
