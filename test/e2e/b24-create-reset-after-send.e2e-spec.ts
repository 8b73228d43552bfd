import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { portalCensus } from '../support/portal-census.js';
import type { Rec } from '../support/record-values.js';
import { ResetAfterSendProxy } from '../support/reset-after-send-proxy.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
let proxy: ResetAfterSendProxy | undefined;
afterEach(async () => {
  await h?.close();
  await proxy?.close();
  h = undefined;
  proxy = undefined;
});

const PORTAL_CODE = 'resetaftersend1';

/** Pages the worker could not send because the connection broke without an answer (/status last_errors). */
async function networkErrors(x: Harness): Promise<number> {
  const errors = (await x.t.app.inject({ method: 'GET', url: '/status' })).json<Rec>()['last_errors'];
  return (Array.isArray(errors) ? errors : []).filter((e: Rec) => e['code'] === 'B24_NETWORK').length;
}

describe('a Bitrix24 create applied but its connection reset before the answer', () => {
  it('first import: the write is not blindly resent; after the worker retries, every record exists exactly once', async () => {
    // The product's own transport talks to the portal through a proxy that resets the connection of the first
    // creating call after the portal applied it (ECONNRESET after send: outcome unknown).
    proxy = await ResetAfterSendProxy.start();
    h = await startHarness({
      qb: generateSampleCompany({ seed: 18, scale: { customers: 8, vendors: 2, items: 4, invoices: 6, estimates: 2 } }),
      portal: { code: PORTAL_CODE },
      env: { BITRIX24_WEBHOOK_URL: `http://127.0.0.1:${proxy.port}/rest/1/${PORTAL_CODE}/` },
    });
    proxy.forwardTo(h.portal.webhookUrl);
    proxy.resetNextCreates(1);

    expect((await h.session()).outcome).toBe('completed');
    await drainWorker(h.t);

    expect(proxy.resets).toBe(1);
    expect(portalCensus(h.portal, h.qb)).toEqual({ missing: [], duplicated: [] });
    // …and the reset did reach the sync as "no answer" (the page waited and was looked up, not resent).
    expect(await networkErrors(h)).toBeGreaterThan(0);
  });
});
