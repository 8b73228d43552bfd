import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { portalCensus } from '../support/portal-census.js';
import { s, type Rec } from '../support/record-values.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CREATES = ['crm.company.add', 'crm.contact.add', 'crm.deal.add', 'crm.product.add'];

/**
 * The portal applies the next batch carrying a create, then answers 1.5 s later: past the client's 1 s timeout,
 * so the connector never learns the outcome of a write that did happen (the emulator's `lateAnswer` fault).
 */
function createsAnsweredAfterTimeout(x: Harness): void {
  x.portal.injectFault({ kind: 'lateAnswer', count: 1, methods: CREATES, latencyMs: 1_500 });
}

const smallCompany = () => generateSampleCompany({ seed: 17, scale: { customers: 8, vendors: 2, items: 4, invoices: 6, estimates: 2 } });
const env = { BITRIX24_TIMEOUT_SECONDS: '1' };
/** Pages the worker could not send because the portal's answer came too late (/status last_errors). */
async function timeouts(x: Harness): Promise<number> {
  const errors = (await x.t.app.inject({ method: 'GET', url: '/status' })).json<Rec>()['last_errors'];
  return (Array.isArray(errors) ? errors : []).filter((e: Rec) => e['code'] === 'B24_TIMEOUT').length;
}

describe('a Bitrix24 create applied but answered after the client timed out', () => {
  it('first import: after the worker retries, every company, contact, deal and product exists exactly once', async () => {
    h = await startHarness({ qb: smallCompany(), env });
    createsAnsweredAfterTimeout(h);
    expect((await h.session()).outcome).toBe('completed');
    // The page whose answer was lost failed and waits; the next run finds what was created by its identity.
    await drainWorker(h.t);
    expect(portalCensus(h.portal, h.qb)).toEqual({ missing: [], duplicated: [] });
    // …and the fault did hit: one page went unanswered and was sent again.
    expect(await timeouts(h)).toBeGreaterThan(0);
  });

  it('incremental run: a customer added in QuickBooks after the first import exists exactly once', async () => {
    h = await startHarness({ qb: smallCompany(), env });
    expect((await h.session()).outcome).toBe('completed');
    h.qb.advance(3_600_000);
    const listId = h.qb.userAddList('Customer', {
      Name: 'Timeout Traders',
      CompanyName: 'Timeout Traders',
      FirstName: 'Tia',
      LastName: 'Out',
      Email: 'tia@timeout.example',
    });
    createsAnsweredAfterTimeout(h);
    expect((await h.session()).outcome).toBe('completed');
    await drainWorker(h.t);
    expect(h.portal.list('company').filter((c) => s(c['ORIGIN_ID']) === listId)).toHaveLength(1);
    expect(h.portal.list('contact').filter((c) => s(c['ORIGIN_ID']) === listId)).toHaveLength(1);
    expect(portalCensus(h.portal, h.qb)).toEqual({ missing: [], duplicated: [] });
    expect(await timeouts(h)).toBeGreaterThan(0);
  });
});
