import { describe, expect, it } from 'vitest';
import { Bitrix24Error } from '../bitrix24.error.js';
import { FakeFetch } from './fake-fetch.js';
import { LeakyBucket } from '../leaky-bucket.js';
import { err, failure, makeClient, ok, WEBHOOK } from './client-fixture.js';

describe('Bitrix24Client.call retries', () => {
  it('posts JSON to {webhook}{method}.json and returns result/total/next/time', async () => {
    const { client, server } = makeClient();
    server.enqueue(ok([{ ID: '1' }], { total: 120, next: 50, time: { start: 1, operating: 0.5 } }));
    const res = await client.call('crm.contact.list', { filter: { NAME: 'A' } });
    expect(res).toEqual({ result: [{ ID: '1' }], total: 120, next: 50, time: { start: 1, operating: 0.5 } });
    const req = server.requests[0];
    expect(req?.request.url).toBe(`${WEBHOOK}crm.contact.list.json`);
    expect(req?.request.method).toBe('POST');
    expect(req?.request.headers['content-type']).toBe('application/json');
    expect(req?.body).toEqual({ filter: { NAME: 'A' } });
  });

  it.each([
    ['503 QUERY_LIMIT_EXCEEDED', err(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests')],
    ['500 INTERNAL_SERVER_ERROR', err(500, 'INTERNAL_SERVER_ERROR', 'Internal server error')],
    ['502 HTML page', FakeFetch.html(502)],
    ['200 with a non-JSON body', { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>' }],
  ])('retries after %s and then succeeds', async (_name, failureResponse) => {
    const { client, server } = makeClient();
    server.enqueue(failureResponse, failureResponse, ok(42));
    const res = await client.call('crm.contact.add', { fields: { NAME: 'A' } });
    expect(res.result).toBe(42);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a timeout and a network error', async () => {
    const { client, server, logs } = makeClient();
    server.enqueue('timeout', 'network', ok(true));
    await expect(client.call('crm.contact.update', { id: 1 })).resolves.toMatchObject({ result: true });
    expect(logs.filter((l) => l.event === 'b24.retry').map((l) => (l.event === 'b24.retry' ? l.code : ''))).toEqual(['TIMEOUT', 'NETWORK']);
  });

  it('with retryWritesAfterTimeout=false a timed-out add (or batch of adds) is not repeated, reads still are', async () => {
    const { client, server } = makeClient({ retryWritesAfterTimeout: false });
    server.enqueue('timeout');
    await expect(client.contact.add({ NAME: 'x' })).rejects.toMatchObject({ code: 'TIMEOUT' });
    server.enqueue('timeout');
    await expect(client.batch([{ method: 'crm.contact.add', params: { fields: { NAME: 'x' } } }])).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(server.requests).toHaveLength(2);
    server.enqueue('timeout', ok({ ID: '1' }));
    await expect(client.contact.get(1)).resolves.toMatchObject({ ID: '1' });
    server.enqueue(FakeFetch.error(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'), ok(5));
    await expect(client.contact.add({ NAME: 'y' })).resolves.toBe(5); // a 503 was definitely not applied
  });

  it('backs off exponentially: 1 s, 2 s, 4 s … capped at maxMs', async () => {
    const { client, server, clock } = makeClient({ maxRetries: 6, backoff: { baseMs: 1000, maxMs: 10_000 } });
    for (let i = 0; i < 6; i++) server.enqueue(err(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
    server.enqueue(ok(1));
    await client.call('crm.deal.get', { id: 1 });
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('keeps jitter within ±20 % of the exponential delay', async () => {
    for (const r of [0, 0.999999]) {
      const { client, server, clock } = makeClient({ random: () => r, backoff: { baseMs: 1000, jitter: 0.2 } });
      server.enqueue(err(500, '', ''), err(500, '', ''), ok(1));
      await client.call('crm.deal.get', { id: 1 });
      const [first, second] = clock.sleeps;
      expect(first).toBeGreaterThanOrEqual(800);
      expect(first).toBeLessThanOrEqual(1200);
      expect(second).toBeGreaterThanOrEqual(1600);
      expect(second).toBeLessThanOrEqual(2400);
    }
  });

  it('gives up after maxRetries with the last typed error', async () => {
    const { client, server } = makeClient({ maxRetries: 2 });
    server.setRoute(() => err(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'));
    const e = await failure(client.call('crm.contact.list'));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.retriable).toBe(true);
    expect(server.requests).toHaveLength(3);
  });

  it("waits at least 10 s after OPERATION_TIME_LIMIT, or until the method's operating_reset_at", async () => {
    const { client, server, clock } = makeClient();
    server.enqueue(err(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.'), ok(1));
    await client.call('crm.contact.list');
    expect(clock.sleeps).toEqual([10_000]);

    const resetAt = Math.floor(clock.now() / 1000) + 60;
    server.enqueue(ok(1, { time: { operating_reset_at: resetAt, operating: 470 } }), err(429, 'OPERATION_TIME_LIMIT', 'blocked'), ok(2));
    await client.call('crm.contact.list');
    const before = clock.now();
    await client.call('crm.contact.list');
    expect(clock.now() - before).toBeGreaterThanOrEqual(resetAt * 1000 - before);
  });

  it.each([
    [401, 'NO_AUTH_FOUND', 'Wrong authorization data', 'AUTH'],
    [403, 'insufficient_scope', 'The request requires higher privileges than provided by the webhook token', 'SCOPE'],
    [403, 'ACCESS_DENIED', 'REST API is available only on commercial plans', 'ACCESS_DENIED'],
    [400, '', 'Not found', 'NOT_FOUND'],
    [400, '', 'Contact is not found', 'NOT_FOUND'],
    [400, 'ERROR_CORE', 'Element not found', 'NOT_FOUND'],
    [400, '', 'ID is not defined or invalid.', 'INVALID'],
    [400, 'ERROR_CORE', 'The field "Work e-mail" contains an invalid address', 'INVALID'],
    [400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded', 'INVALID'],
    [404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!', 'METHOD_NOT_FOUND'],
    [503, 'OVERLOAD_LIMIT', 'REST API is blocked due to overload', 'UNAVAILABLE'],
  ])('does not retry HTTP %i %s; throws %s with the portal description', async (status, code, description, expected) => {
    const { client, server } = makeClient();
    server.setRoute(() => err(status, code, description));
    const e = await failure(client.call('crm.contact.get', { id: 5 }));
    expect(server.requests).toHaveLength(1);
    expect(e).toMatchObject({ code: expected, portalError: code, message: description, method: 'crm.contact.get', retriable: false, httpStatus: status });
  });

  it('never puts the webhook secret in errors or log events', async () => {
    const { client, server, logs } = makeClient({ maxRetries: 1 });
    server.enqueue('timeout', err(401, 'NO_AUTH_FOUND', 'Wrong authorization data'));
    const e = await failure(client.call('crm.contact.get', { id: 5 }));
    const everything = JSON.stringify({ e, message: e.message, stack: e.stack, logs });
    expect(everything).not.toContain('s3cr3tc0de');
    expect(logs.map((l) => l.portal)).toContain('https://acme.bitrix24.com/rest/1/***/');
  });

  it('refuses a malformed webhook URL at construction without echoing it', () => {
    for (const webhookUrl of ['acme.bitrix24.com/rest/1/s3cr3t/', 'https://acme.bitrix24.com/s3cr3t', 'ftp://acme/rest/1/s3cr3t/']) {
      let thrown: unknown;
      try {
        makeClient({ webhookUrl });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Bitrix24Error);
      expect(thrown instanceof Error ? thrown.message : '').not.toContain('s3cr3t');
    }
  });

  it('rejects method names that could escape the URL path without calling out', async () => {
    const { client, server } = makeClient();
    const e = await failure(client.call('../../admin'));
    expect(e.code).toBe('INVALID');
    expect(server.requests).toHaveLength(0);
  });
});

describe('rate limiting with a shared LeakyBucket', () => {
  it('lets a burst of 50 through, then spaces calls 500 ms apart (standard plan)', async () => {
    const { clock } = makeClient();
    const bucket = new LeakyBucket({ capacity: 50, drainPerSecond: 2, clock });
    const a = makeClient({ rateLimiter: bucket, clock, sleep: clock.sleep });
    const b = makeClient({ rateLimiter: bucket, clock, sleep: clock.sleep });
    a.server.setRoute(() => ok(true));
    b.server.setRoute(() => ok(true));
    const start = clock.now();
    for (let i = 0; i < 30; i++) await a.client.call('crm.contact.update', { id: i });
    for (let i = 0; i < 30; i++) await b.client.call('crm.contact.update', { id: i });
    // Two clients, one bucket: 60 calls = 50 burst + 10 spaced by 500 ms.
    expect(clock.now() - start).toBe(5000);
  });

  it('after a 503 treats the bucket as full before retrying', async () => {
    const { clock } = makeClient();
    const bucket = new LeakyBucket({ capacity: 50, drainPerSecond: 2, clock });
    const { client, server } = makeClient({ rateLimiter: bucket, clock, sleep: clock.sleep, backoff: { baseMs: 100 } });
    server.enqueue(err(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'), ok(1));
    await client.call('crm.contact.list');
    // 100 ms backoff, then the (full) bucket holds the retry until one slot has drained: 500 ms in total.
    expect(clock.sleeps).toEqual([100, 400]);
  });
});
