import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { startHarness, type Harness } from '../support/sync-harness.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let h: Harness | undefined;
let other: TestApp | undefined;
afterEach(async () => {
  await h?.close();
  await other?.close();
  h = undefined;
  other = undefined;
});

/**
 * One sample from Prometheus text: `name{a="x",b="y"} value`, labels matched exactly, apart from `process`, which
 * every series carries on PostgreSQL (several processes may serve one database; multi-process.e2e-spec.ts checks it).
 */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort()
    .join(',');
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = (m[2] ?? '')
      .split(/,(?=[a-z0-9_]+=")/)
      .filter((s) => s !== '' && !s.startsWith('process='))
      .sort()
      .join(',');
    if (got === want) return Number(m[3]);
  }
  return undefined;
}

async function scrape(x: Harness | TestApp): Promise<string> {
  const app = 'app' in x ? x.app : x.t.app;
  const res = await app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/plain');
  return res.body;
}

describe('GET /metrics', () => {
  it('after an import session, counts Web Connector calls by operation and the linked records per entity as in the database', async () => {
    h = await startHarness();
    const result = await h.session();
    expect(result.outcome).toBe('completed');
    const text = await scrape(h);

    const calls = (op: string): number => result.transcript.filter((e) => e.op === op).length;
    for (const op of ['authenticate', 'sendRequestXML', 'receiveResponseXML', 'closeConnection']) {
      expect(calls(op)).toBeGreaterThan(0);
      expect(sample(text, 'qbb24_qbwc_requests_total', { operation: op, status_code: '200' })).toBe(calls(op));
      expect(sample(text, 'qbb24_qbwc_request_duration_seconds_count', { operation: op })).toBe(calls(op));
    }

    const rows: { qbEntity: string; b24Entity: string; n: number }[] = await h.t.db.query(
      'SELECT "qbEntity", "b24Entity", COUNT(*) AS n FROM id_mapping GROUP BY "qbEntity", "b24Entity"',
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(sample(text, 'qbb24_id_mappings', { qb_entity: r.qbEntity, b24_entity: r.b24Entity })).toBe(Number(r.n));
    expect(sample(text, 'qbb24_records_synced', { direction: 'qb->b24', qb_entity: 'invoice', b24_entity: 'deal' })).toBe(300);
    expect(sample(text, 'qbb24_qbwc_sessions', { state: 'closed' })).toBe(1);
    expect(sample(text, 'qbb24_sync_runs', { trigger: 'qbwc', status: 'completed' })).toBe(1);
    expect(sample(text, 'qbb24_dead_letters')).toBe(0);
  });

  it('malformed envelopes are counted under their SOAPAction operation (unknown ones as other) with status 500', async () => {
    h = await startHarness();
    const post = (action: string, payload: string) =>
      h?.t.app.inject({
        method: 'POST',
        url: '/qbwc',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"http://developer.intuit.com/${action}"` },
        payload,
      });
    await post('authenticate', '<not-soap/>');
    await post('nonsense', '<not-soap/>');
    const text = await scrape(h);
    expect(sample(text, 'qbb24_qbwc_requests_total', { operation: 'authenticate', status_code: '500' })).toBe(1);
    expect(sample(text, 'qbb24_qbwc_requests_total', { operation: 'other', status_code: '500' })).toBe(1);
  });

  it('queue depth and dead letters are read from the database at scrape time', async () => {
    h = await startHarness();
    expect(sample(await scrape(h), 'qbb24_dead_letters')).toBe(0);
    const now = new Date();
    await h.t.db.getRepository(OutboxEntity).insert({
      idempotencyKey: 'metrics-test',
      b24Entity: 'contact',
      b24Id: '7',
      qbEntity: 'customer',
      qbId: null,
      operation: 'add',
      payloadJson: '{}',
      status: 'dead',
      attempts: 8,
      notBefore: now,
      ticketHash: null,
      lastError: 'x',
      lastErrorCode: 'NO_ANSWER',
      createdAt: now,
      updatedAt: now,
    });
    const text = await scrape(h);
    expect(sample(text, 'qbb24_dead_letters')).toBe(1);
    expect(sample(text, 'qbb24_outbox_rows', { status: 'dead', qb_entity: 'customer' })).toBe(1);
  });

  it('each app instance has its own registry: a second app starts clean and both keep serving', async () => {
    h = await startHarness();
    await h.session();
    other = await startTestApp();
    const second = await scrape(other);
    expect(sample(second, 'qbb24_qbwc_requests_total', { operation: 'authenticate', status_code: '200' })).toBeUndefined();
    expect(sample(await scrape(h), 'qbb24_qbwc_requests_total', { operation: 'authenticate', status_code: '200' })).toBe(1);
  });
});
