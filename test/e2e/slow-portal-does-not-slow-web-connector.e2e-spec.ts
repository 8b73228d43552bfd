import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { runDriverSession, type TimedSoapCall } from '../support/driver-session.js';
import { portalCensus } from '../support/portal-census.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Every Bitrix24 REST call answers this late (the emulator's `latency` fault waits before processing). */
const PORTAL_LATENCY_MS = 3_000;

describe('a slow Bitrix24 portal does not slow the Web Connector down', () => {
  it('a first import with every portal call 3 s late: each SOAP call answers at once, then the worker sends every record once', async () => {
    // Small enough that the worker's ~10 slow calls fit the test's time, big enough to span several pages.
    const qb = generateSampleCompany({ seed: 14, scale: { customers: 8, vendors: 2, items: 4, invoices: 6, estimates: 2 } });
    h = await startHarness({ qb });
    h.portal.injectFault({ kind: 'latency', count: 10_000, latencyMs: PORTAL_LATENCY_MS });

    const calls: TimedSoapCall[] = [];
    const result = await runDriverSession(h, { onCall: (c) => calls.push(c) });
    expect(result.outcome, result.statusText).toBe('completed');
    expect(calls.some((c) => c.op === 'receiveResponseXML')).toBe(true);
    // The one timing assertion in this suite, on purpose: the bug it guards against made every Web Connector
    // call wait for Bitrix24 (3-60 s per call with a slow portal), and Web Connector gives up on a call after
    // its own timeout. A call touches only the database now, so anything near the portal's 3 s means Bitrix24
    // I/O crept back into a SOAP call; 1 s leaves a slow CI machine ample room.
    const slow = calls.filter((c) => c.ms >= 1_000).map((c) => `${c.op} ${Math.round(c.ms)} ms`);
    expect(slow).toEqual([]);

    await drainWorker(h.t);
    expect(portalCensus(h.portal, h.qb)).toEqual({ missing: [], duplicated: [] });
  }, 180_000);
});
