import { describe, expect, it } from 'vitest';
import { Bitrix24Client } from '../bitrix24-client.js';
import { VirtualClock } from '../clock.js';
import { FetchHttpTransport } from '../fetch-http-transport.js';
import { LeakyBucket } from '../leaky-bucket.js';
import { failure } from './client-fixture.js';
import { SLOW_MS, usePortalAndClient } from './portal-client-fixture.js';

// The client against the portal emulator over real HTTP: batches, backoff and rate limit, pagination
// (client-vs-portal-crm.int-spec.ts: multi-field updates, typed errors, CRM methods).
const setup = usePortalAndClient();

describe('client vs portal emulator: batch', () => {
  it('writes 120 contacts in 3 batch calls of 50/50/20, nothing lost or duplicated', async () => {
    const { portal, client } = await setup();
    const cmds = Array.from({ length: 120 }, (_, i) => ({
      method: 'crm.contact.add',
      params: {
        fields: { NAME: `N${i}`, LAST_NAME: 'Ünïcødé & Co', ORIGINATOR_ID: 'qb', ORIGIN_ID: `L-${i}`, PHONE: [{ VALUE: `+1555000${i}`, VALUE_TYPE: 'WORK' }] },
      },
    }));
    const res = await client.batch(cmds);
    expect(res.errors.size).toBe(0);
    expect(res.results.size).toBe(120);
    expect(portal.calls.map((c) => c.batchCommands)).toEqual([50, 50, 20]);
    const stored = portal.list('contact');
    expect(stored).toHaveLength(120);
    expect(new Set(stored.map((c) => c['ORIGIN_ID'])).size).toBe(120);
    const first = portal.get('contact', Number(res.results.get('cmd_0')));
    expect(first).toMatchObject({ NAME: 'N0', LAST_NAME: 'Ünïcødé & Co', ORIGIN_ID: 'L-0' });
    expect(first?.['PHONE']).toEqual([expect.objectContaining({ VALUE: '+15550000', VALUE_TYPE: 'WORK' })]);
  });

  it('reports a bad command separately, keeps the others, and resolves $result references', async () => {
    const { portal, client } = await setup();
    const res = await client.batch({
      good: { method: 'crm.contact.add', params: { fields: { NAME: 'Good' } } },
      bad: { method: 'crm.contact.get', params: { id: 999_999 } },
      read: { method: 'crm.contact.get', params: { id: '$result[good]' } },
    });
    expect(res.errors.get('bad')).toMatchObject({ code: 'NOT_FOUND', method: 'crm.contact.get', commandKey: 'bad' });
    expect(res.results.get('read')).toMatchObject({ NAME: 'Good', ID: String(res.results.get('good')) });
    expect(portal.list('contact')).toHaveLength(1);
  });

  it('halt stops at the first failing command', async () => {
    const { portal, client } = await setup();
    const res = await client.batch(
      [
        { method: 'crm.contact.add', params: { fields: { NAME: 'A' } } },
        { method: 'crm.contact.get', params: { id: 424242 } },
        { method: 'crm.contact.add', params: { fields: { NAME: 'C' } } },
      ],
      { halt: true },
    );
    expect([...res.errors.keys()]).toEqual(['cmd_1']);
    expect(res.skipped).toEqual(['cmd_2']);
    expect(portal.list('contact').map((c) => c['NAME'])).toEqual(['A']);
  });
});

describe('client vs portal emulator: backoff and rate limit', () => {
  it.each(['QUERY_LIMIT_EXCEEDED', 'OPERATION_TIME_LIMIT', 'INTERNAL_SERVER_ERROR', 'html'] as const)('retries after %s and succeeds', async (kind) => {
    const { portal, client, clock } = await setup();
    portal.injectFault({ kind, count: 2, methods: ['crm.contact.add'] });
    const id = await client.contact.add({ NAME: 'Retry' });
    expect(portal.calls.map((c) => c.httpStatus)).toEqual([expect.any(Number), expect.any(Number), 200]);
    expect(portal.calls.slice(0, 2).every((c) => c.httpStatus >= 400)).toBe(true);
    expect(portal.list('contact')).toHaveLength(1);
    expect(portal.get('contact', id)?.['NAME']).toBe('Retry');
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(2);
  });

  it('retries a request that timed out', async () => {
    const { portal, client } = await setup({}, { timeoutMs: 300 });
    portal.injectFault({ kind: 'timeout', count: 1, methods: ['crm.contact.list'] });
    const page = await client.contact.list();
    expect(page.items).toEqual([]);
    expect(portal.calls.map((c) => c.httpStatus)).toEqual([0, 200]);
  });

  it('a 302 (portal domain changed) is reported, not retried or silently followed', async () => {
    const { portal, client } = await setup();
    portal.injectFault({ kind: 'redirect', count: 1 });
    expect(await failure(client.crm.scope())).toMatchObject({ code: 'UNAVAILABLE', httpStatus: 302, retriable: false });
    expect(portal.calls).toHaveLength(1);
  });

  it('does not retry NO_AUTH_FOUND or insufficient_scope', async () => {
    const { portal, client } = await setup();
    portal.injectFault({ kind: 'NO_AUTH_FOUND', count: 1 });
    expect(await failure(client.contact.list())).toMatchObject({ code: 'AUTH', retriable: false });
    portal.injectFault({ kind: 'insufficient_scope', count: 1 });
    expect(await failure(client.contact.list())).toMatchObject({ code: 'SCOPE', retriable: false });
    expect(portal.calls).toHaveLength(2);
  });

  it('with a shared client-side bucket, 120 calls under a 50 & 2/s limit get no 503 at all', async () => {
    const clock = new VirtualClock();
    const limit = { capacity: 50, drainPerSecond: 2 };
    const bucket = new LeakyBucket({ ...limit, clock });
    const { portal } = await setup({ clock, rateLimit: { enabled: true, ...limit } });
    const opts = { rateLimiter: bucket, clock, sleep: clock.sleep };
    const a = new Bitrix24Client({ webhookUrl: portal.webhookUrl, transport: new FetchHttpTransport(), ...opts });
    const b = new Bitrix24Client({ webhookUrl: portal.webhookUrl, transport: new FetchHttpTransport(), ...opts });
    const start = clock.now();
    for (let i = 0; i < 60; i++) await (i % 2 === 0 ? a : b).crm.scope();
    for (let i = 0; i < 60; i++) await (i % 2 === 0 ? b : a).crm.scope();
    expect(portal.calls.filter((c) => c.httpStatus === 503)).toHaveLength(0);
    expect(portal.calls).toHaveLength(120);
    expect(clock.now() - start).toBe((120 - 50) * 500);
  });

  it('without a client-side bucket the portal rejects, and backoff still gets every call through', async () => {
    const { portal, client } = await setup({ rateLimit: { enabled: true, capacity: 5, drainPerSecond: 2 } }, { backoff: { baseMs: 500 } });
    for (let i = 0; i < 10; i++) await client.crm.scope();
    expect(portal.calls.filter((c) => c.httpStatus === 503).length).toBeGreaterThan(0);
    expect(portal.calls.filter((c) => c.httpStatus === 200)).toHaveLength(10);
  });
});

describe('client vs portal emulator: pagination', () => {
  it(
    'listAll reads all of 10,050 contacts in ID order with >ID scans (no duplicates, no gaps)',
    async () => {
      const { portal, client } = await setup();
      for (let i = 0; i < 10_050; i++) portal.ui.add('contact', { NAME: `C${i}` });
      portal.resetCalls();
      const ids: number[] = [];
      for await (const c of client.contact.listAll({ select: ['ID', 'NAME'] })) ids.push(Number(c.ID));
      expect(ids).toHaveLength(10_050);
      expect(new Set(ids).size).toBe(10_050);
      expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0))).toBe(true);
      expect(portal.calls).toHaveLength(202); // 201 pages of 50 + one empty page
    },
    SLOW_MS,
  );

  it(
    'listAllBatched reads the same 10,050 contacts with 50 pages per call, even as the rate limit allows',
    async () => {
      const clock = new VirtualClock();
      const limit = { capacity: 50, drainPerSecond: 2 };
      // A batch of 50 pages over 10k records is slow in the emulator; a generous timeout keeps a loaded CI
      // machine from turning it into a (correct, but here unwanted) timeout-and-retry.
      const { portal, client } = await setup(
        { clock, rateLimit: { enabled: true, ...limit } },
        { rateLimiter: new LeakyBucket({ ...limit, clock }), clock, sleep: clock.sleep, timeoutMs: SLOW_MS },
      );
      for (let i = 0; i < 10_050; i++) portal.ui.add('contact', { NAME: `C${i}` });
      portal.resetCalls();
      const ids: number[] = [];
      for await (const c of client.contact.listAllBatched({ select: ['NAME'] })) ids.push(Number(c.ID));
      expect(ids).toHaveLength(10_050);
      expect(new Set(ids).size).toBe(10_050);
      expect(ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? 0))).toBe(true);
      // 1 counted page + 200 more pages in batches of 50, 50, 50, 50, 1 (sized from total).
      expect(portal.calls.map((c) => c.batchCommands ?? 0)).toEqual([0, 50, 50, 50, 50, 1]);
      expect(portal.calls.filter((c) => c.httpStatus !== 200)).toEqual([]);
    },
    SLOW_MS,
  );

  it(
    'listPages follows start/next beyond 10,000 records with total on every page',
    async () => {
      const { portal, client } = await setup();
      for (let i = 0; i < 10_020; i++) portal.ui.add('contact', { NAME: `C${i}` });
      let count = 0;
      let pages = 0;
      for await (const p of client.listPages('crm.contact.list', { order: { ID: 'DESC' }, select: ['ID'] })) {
        count += p.items.length;
        pages++;
        expect(p.total).toBe(10_020);
      }
      expect(count).toBe(10_020);
      expect(pages).toBe(201);
    },
    SLOW_MS,
  );
});
