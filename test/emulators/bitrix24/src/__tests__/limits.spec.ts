import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { call, obj } from './test-helpers.js';

let portal: Bitrix24Portal;
afterEach(async () => {
  await portal.close();
});

describe('limits (bitrix24.md §2, §10 items 7-8)', () => {
  it('item 7: the leaky bucket lets a burst of 50 through, answers 503 QUERY_LIMIT_EXCEEDED, and drains 2/s; a batch is one hit', async () => {
    const clock = new ManualClock();
    portal = await startBitrix24Portal({ clock, rateLimit: { enabled: true, capacity: 50, drainPerSecond: 2 } });
    for (let i = 0; i < 49; i++) expect((await call(portal.webhookUrl, 'scope')).status).toBe(200);
    const batch = await call(portal.webhookUrl, 'batch', { cmd: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i}`, 'scope'])) });
    expect(batch.status).toBe(200);
    const over = await call(portal.webhookUrl, 'scope');
    expect(over.status).toBe(503);
    expect(over.json).toEqual({ error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' });
    clock.advance(500);
    expect((await call(portal.webhookUrl, 'scope')).status).toBe(200);
    expect((await call(portal.webhookUrl, 'scope')).status).toBe(503);
    clock.advance(2000);
    for (let i = 0; i < 4; i++) expect((await call(portal.webhookUrl, 'scope')).status).toBe(200);
    expect((await call(portal.webhookUrl, 'scope')).status).toBe(503);
  });

  it('item 7: the rate limit is off by default', async () => {
    portal = await startBitrix24Portal();
    for (let i = 0; i < 60; i++) expect((await call(portal.webhookUrl, 'scope')).status).toBe(200);
  });

  it('item 8: the operating limit blocks one method with 429 OPERATION_TIME_LIMIT after the limit, per method, until baskets expire', async () => {
    const clock = new ManualClock();
    portal = await startBitrix24Portal({ clock, operatingLimit: { enabled: true, limitSeconds: 100, costSeconds: 20 } });
    for (let i = 0; i < 5; i++) {
      const r = await call(portal.webhookUrl, 'crm.contact.list');
      expect(r.status).toBe(200);
      expect(obj(obj(r.json)['time'])['operating']).toBe((i + 1) * 20);
      clock.advance(61_000);
    }
    // 100 s used: not yet over; the call that crosses the limit completes (§2.2).
    expect((await call(portal.webhookUrl, 'crm.contact.list')).status).toBe(200);
    const blocked = await call(portal.webhookUrl, 'crm.contact.list');
    expect(blocked.status).toBe(429);
    expect(obj(blocked.json)['error']).toBe('OPERATION_TIME_LIMIT');
    expect((await call(portal.webhookUrl, 'crm.company.list')).status).toBe(200);
    // Batch sub-calls count against their own method; the batch itself is not blocked.
    const b = obj(obj((await call(portal.webhookUrl, 'batch', { cmd: { a: 'crm.contact.list', b: 'crm.deal.list' } })).json)['result']);
    expect(obj(b['result_error'])['a']).toMatchObject({ error: 'OPERATION_TIME_LIMIT' });
    expect(obj(b['result'])['b']).toEqual([]);
    // The oldest basket leaves the 10-minute window → unblocked.
    clock.advance(600_000 - 5 * 61_000 + 1);
    expect((await call(portal.webhookUrl, 'crm.contact.list')).status).toBe(200);
  });

  it('item 8: time.operating_reset_at points 10 minutes after the oldest basket started', async () => {
    const clock = new ManualClock(Date.parse('2026-01-15T09:00:00Z'));
    portal = await startBitrix24Portal({ clock, operatingLimit: { enabled: true, limitSeconds: 480, costSeconds: 1 } });
    await call(portal.webhookUrl, 'crm.deal.list');
    clock.advance(120_000);
    const t = obj(obj((await call(portal.webhookUrl, 'crm.deal.list')).json)['time']);
    expect(t['operating_reset_at']).toBe(Date.parse('2026-01-15T09:10:00Z') / 1000);
    expect(t['operating']).toBe(2);
  });
});
