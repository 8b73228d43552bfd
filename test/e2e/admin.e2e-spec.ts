import type { StoredErrorCode } from '@qb-b24/sync-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { B24EventEntity } from '../../apps/connector/src/bitrix/b24-event.entity.js';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { OutboxEntity, type OutboxStatus } from '../../apps/connector/src/sync/outbox.entity.js';
import { SyncLogEntity } from '../../apps/connector/src/sync/sync-log.entity.js';
import { SyncRunEntity } from '../../apps/connector/src/sync/sync-run.entity.js';
import { SyncWatermarkEntity } from '../../apps/connector/src/sync/sync-watermark.entity.js';
import { snapshotDatabase, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../support/test-app.js';

// One app for the file (boot is the slow part); every test starts from empty tables.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  for (const e of [OutboxEntity, SyncWatermarkEntity, SyncLogEntity, SyncRunEntity, IdMappingEntity, B24EventEntity]) await t.db.getRepository(e).clear();
  t.clock.set('2026-03-02T15:00:00Z');
});

const AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
type Method = 'GET' | 'POST';
const call = (method: Method, url: string, body?: unknown, headers: Record<string, string> = AUTH) =>
  t.app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });

let seq = 0;
/** What the queue stores when QuickBooks refuses a name in use (statusCode 3100). */
const deadCode: StoredErrorCode = 'QB_3100';
async function outbox(status: OutboxStatus, over: Partial<OutboxEntity> = {}): Promise<OutboxEntity> {
  seq += 1;
  const at = new Date('2026-03-01T10:00:00Z');
  const row = {
    idempotencyKey: `k-${seq}`,
    b24Entity: 'contact',
    b24Id: String(100 + seq),
    qbEntity: 'customer',
    qbId: null,
    operation: 'add',
    payloadJson: JSON.stringify({ name: `Customer ${seq}` }),
    status,
    attempts: 5,
    notBefore: new Date('2026-03-09T00:00:00Z'),
    ticketHash: status === 'in_flight' ? 'a'.repeat(64) : null,
    lastError: status === 'dead' ? 'QuickBooks status 3100: name in use' : null,
    lastErrorCode: status === 'dead' ? deadCode : null,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
  const res = await t.db.getRepository(OutboxEntity).insert(row);
  const id = Number(res.identifiers[0]?.['id']);
  return { ...row, id };
}
const row = (id: number) => t.db.getRepository(OutboxEntity).findOneByOrFail({ id });
const adminLogs = () => t.db.getRepository(SyncLogEntity).find({ where: { direction: 'admin' }, order: { id: 'ASC' } });

/** Every admin endpoint with a valid request; used for the auth checks. */
const ENDPOINT_LIST: readonly (readonly [Method, string, unknown?])[] = [
  ['GET', '/admin/queue'],
  ['GET', '/admin/dead-letters'],
  ['GET', '/admin/conflicts'],
  ['POST', '/admin/queue/1/requeue'],
  ['POST', '/admin/dead-letters/requeue-all'],
  ['POST', '/admin/conflicts/1/resolve', { winner: 'qb' }],
  ['POST', '/admin/resync', { entity: 'customer' }],
  ['GET', '/admin/mappings'],
  ['GET', '/admin/runs'],
  ['GET', '/admin/records/qb/customer/80000001-1/history'],
  ['GET', '/admin/dry-run'],
  ['GET', '/admin/mapping'],
];
const ENDPOINTS = ENDPOINT_LIST.map(([method, url, body]) => ({ method, url, body }));

describe('admin authentication', () => {
  it.each(ENDPOINTS)('$method $url without a token → 401, nothing changed', async ({ method, url, body }) => {
    await outbox('dead');
    const before = await snapshotDatabase(t.db);
    const res = await call(method, url, body, {});
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED' });
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it.each(ENDPOINTS)('$method $url with a wrong token → 401, nothing changed', async ({ method, url, body }) => {
    await outbox('conflict');
    const before = await snapshotDatabase(t.db);
    for (const authorization of [`Bearer ${TEST_ADMIN_TOKEN}x`, `Bearer ${TEST_ADMIN_TOKEN.slice(0, -1)}`, `Basic ${TEST_ADMIN_TOKEN}`, TEST_ADMIN_TOKEN]) {
      const res = await call(method, url, body, { authorization });
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain(TEST_ADMIN_TOKEN);
    }
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('a wrong token with a bad body is still 401, not 400 (auth before validation)', async () => {
    const res = await call('POST', '/admin/resync', { entity: 'nope' }, { authorization: 'Bearer wrong' });
    expect(res.statusCode).toBe(401);
  });
});

describe('admin input validation → 400, nothing changed', () => {
  it.each([
    ['GET', '/admin/queue?status=dead'],
    ['GET', '/admin/queue?limit=0'],
    ['GET', '/admin/queue?limit=abc'],
    ['GET', '/admin/queue?limit=501'],
    ['GET', '/admin/queue?unknown=1'],
    ['GET', '/admin/dead-letters?limit=-1'],
    ['GET', '/admin/conflicts?limit=1.5'],
    ['POST', '/admin/queue/abc/requeue'],
    ['POST', '/admin/queue/0/requeue'],
    ['POST', '/admin/conflicts/1/resolve', { winner: 'both' }],
    ['POST', '/admin/conflicts/1/resolve', {}],
    ['POST', '/admin/conflicts/1/resolve', { winner: 'qb', extra: true }],
    ['POST', '/admin/resync', { entity: 'lead' }],
    ['POST', '/admin/resync', { entity: 'customer', direction: 'both' }],
    ['POST', '/admin/resync', {}],
    ['GET', '/admin/mappings?offset=-1'],
    ['GET', '/admin/mappings?qbEntity=DROP%20TABLE'],
    ['GET', '/admin/runs?limit=x'],
    ['GET', '/admin/records/xero/customer/1/history'],
    ['GET', '/admin/records/qb/customer/a%20b/history'],
  ] as const)('%s %s', async (method, url, body?: unknown) => {
    await outbox('conflict');
    const before = await snapshotDatabase(t.db);
    const res = await call(method, url, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'BAD_REQUEST' });
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('a JSON body that does not parse → 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/admin/resync', headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"entity":' });
    expect(res.statusCode).toBe(400);
  });
});

describe('queue views', () => {
  it('GET /admin/queue lists pending and in-flight rows without payloads or ticket hashes', async () => {
    const p = await outbox('pending');
    const f = await outbox('in_flight');
    await outbox('dead');
    await outbox('done');
    const res = await call('GET', '/admin/queue');
    expect(res.statusCode).toBe(200);
    const body = res.json<Record<string, unknown>[]>();
    expect(body.map((r) => r['id']).sort()).toEqual([p.id, f.id].sort());
    expect(Object.keys(body[0] ?? {}).sort()).toEqual(
      [
        'id',
        'b24Entity',
        'b24Id',
        'qbEntity',
        'qbId',
        'operation',
        'status',
        'attempts',
        'notBefore',
        'lastErrorCode',
        'lastError',
        'createdAt',
        'updatedAt',
      ].sort(),
    );
    expect(res.body).not.toContain('a'.repeat(64));
    expect(res.body).not.toContain('payloadJson');
  });

  it('filters by status and honours limit', async () => {
    for (let i = 0; i < 3; i += 1) await outbox('pending');
    const f = await outbox('in_flight');
    expect((await call('GET', '/admin/queue?status=in_flight')).json()).toMatchObject([{ id: f.id, status: 'in_flight' }]);
    expect((await call('GET', '/admin/queue?status=pending&limit=2')).json()).toHaveLength(2);
  });

  it('dead letters and conflicts each list only their rows, with the last error', async () => {
    const d = await outbox('dead');
    const c = await outbox('conflict');
    await outbox('pending');
    expect((await call('GET', '/admin/dead-letters')).json()).toMatchObject([
      { id: d.id, lastErrorCode: 'QB_3100', lastError: 'QuickBooks status 3100: name in use' },
    ]);
    expect((await call('GET', '/admin/conflicts')).json()).toMatchObject([{ id: c.id, status: 'conflict' }]);
  });
});

describe('requeue', () => {
  it('a dead row goes back to pending, due now, with zero attempts and no ticket; the action is logged', async () => {
    const d = await outbox('dead', { ticketHash: 'b'.repeat(64) });
    const res = await call('POST', `/admin/queue/${d.id}/requeue`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: d.id, status: 'pending', attempts: 0, notBefore: '2026-03-02T15:00:00.000Z' });
    expect(await row(d.id)).toMatchObject({ status: 'pending', attempts: 0, ticketHash: null, notBefore: t.clock.now(), payloadJson: d.payloadJson });
    expect(await adminLogs()).toMatchObject([{ action: 'requeue', b24Entity: 'contact', b24Id: d.b24Id, qbEntity: 'customer', at: t.clock.now() }]);
  });

  it('a conflict row can be requeued too', async () => {
    const c = await outbox('conflict');
    expect((await call('POST', `/admin/queue/${c.id}/requeue`)).statusCode).toBe(200);
    expect((await row(c.id)).status).toBe('pending');
  });

  it('an unknown id → 404; a row that is not dead/conflict → 409; nothing changed', async () => {
    const p = await outbox('in_flight');
    const before = await snapshotDatabase(t.db);
    const missing = await call('POST', '/admin/queue/999999/requeue');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
    const busy = await call('POST', `/admin/queue/${p.id}/requeue`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ statusCode: 409, error: 'CONFLICT' });
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });

  it('requeue-all moves every dead row (and only those) back to pending', async () => {
    const d1 = await outbox('dead');
    const d2 = await outbox('dead');
    const c = await outbox('conflict');
    const res = await call('POST', '/admin/dead-letters/requeue-all');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ requeued: 2, ids: [d1.id, d2.id] });
    expect((await row(d1.id)).status).toBe('pending');
    expect((await row(d2.id)).status).toBe('pending');
    expect((await row(c.id)).status).toBe('conflict');
    expect(await adminLogs()).toHaveLength(2);
    expect((await call('POST', '/admin/dead-letters/requeue-all')).json()).toEqual({ requeued: 0, ids: [] });
  });
});

describe('conflict resolution', () => {
  it('b24 wins: back to pending with resolution merged into the payload, operation unchanged', async () => {
    const c = await outbox('conflict', { operation: 'mod', payloadJson: JSON.stringify({ name: 'Acme', phone: '555' }) });
    const res = await call('POST', `/admin/conflicts/${c.id}/resolve`, { winner: 'b24' });
    expect(res.statusCode, res.body).toBe(200);
    const after = await row(c.id);
    expect(after).toMatchObject({ status: 'pending', operation: 'mod', attempts: 0, ticketHash: null });
    expect(JSON.parse(after.payloadJson)).toEqual({ name: 'Acme', phone: '555', resolution: 'b24' });
    expect(await adminLogs()).toMatchObject([{ action: 'resolve', b24Id: c.b24Id }]);
  });

  it('qb wins: the row becomes a refresh of the QuickBooks record', async () => {
    const c = await outbox('conflict', { operation: 'mod', payloadJson: JSON.stringify({ name: 'Acme' }) });
    await call('POST', `/admin/conflicts/${c.id}/resolve`, { winner: 'qb' });
    const after = await row(c.id);
    expect(after).toMatchObject({ status: 'pending', operation: 'refresh' });
    expect(JSON.parse(after.payloadJson)).toEqual({ name: 'Acme', resolution: 'qb' });
  });

  it('resolving a row that is not a conflict → 409, unknown → 404, nothing changed', async () => {
    const d = await outbox('dead');
    const before = await snapshotDatabase(t.db);
    expect((await call('POST', `/admin/conflicts/${d.id}/resolve`, { winner: 'qb' })).statusCode).toBe(409);
    expect((await call('POST', '/admin/conflicts/424242/resolve', { winner: 'qb' })).statusCode).toBe(404);
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });
});

describe('resync', () => {
  async function watermark(key: string): Promise<void> {
    await t.db
      .getRepository(SyncWatermarkEntity)
      .insert({ key, modifiedSince: new Date('2026-03-01T00:00:00Z'), deletedSince: null, recordsSeen: 3, updatedAt: new Date() });
  }
  const keys = async () => (await t.db.getRepository(SyncWatermarkEntity).find({ order: { key: 'ASC' } })).map((w) => w.key);

  it('without a direction forgets both sides of the entity, and only that entity', async () => {
    for (const k of ['qb:customer', 'b24:customer', 'qb:item', 'b24:contact']) await watermark(k);
    const res = await call('POST', '/admin/resync', { entity: 'customer' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ entity: 'customer', keys: ['qb:customer', 'b24:customer'], reset: ['b24:customer', 'qb:customer'] });
    expect(await keys()).toEqual(['b24:contact', 'qb:item']);
    expect(await adminLogs()).toMatchObject([{ action: 'resync' }]);
  });

  it('with a direction forgets only that side; a missing watermark is reported as not reset', async () => {
    for (const k of ['qb:contact', 'b24:contact']) await watermark(k);
    expect((await call('POST', '/admin/resync', { entity: 'contact', direction: 'b24' })).json()).toMatchObject({ reset: ['b24:contact'] });
    expect(await keys()).toEqual(['qb:contact']);
    expect((await call('POST', '/admin/resync', { entity: 'product', direction: 'b24' })).json()).toMatchObject({ keys: ['b24:product'], reset: [] });
  });
});

describe('read views', () => {
  async function mapping(qbEntity: string, qbId: string, b24Entity: string, b24Id: string): Promise<void> {
    const at = new Date('2026-03-01T00:00:00Z');
    await t.db.getRepository(IdMappingEntity).insert({
      qbEntity,
      qbId,
      b24Entity,
      b24Id,
      qbEditSequence: '17',
      qbHash: 'h'.repeat(64),
      b24Hash: null,
      baseJson: '{"name":"x"}',
      status: 'linked',
      createdAt: at,
      updatedAt: at,
    });
  }

  it('GET /admin/mappings filters and pages', async () => {
    await mapping('customer', '80000001-1', 'company', '1');
    await mapping('customer', '80000001-1', 'contact', '2');
    await mapping('item', '80000002-1', 'product', '3');
    const all = (await call('GET', '/admin/mappings')).json<{ total: number; items: unknown[] }>();
    expect(all.total).toBe(3);
    const page = (await call('GET', '/admin/mappings?qbEntity=customer&limit=1&offset=1')).json();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ qbEntity: 'customer', b24Entity: 'contact', b24Id: '2' }] });
    expect((await call('GET', '/admin/mappings?b24Entity=product')).json()).toMatchObject({ total: 1, items: [{ qbId: '80000002-1' }] });
  });

  it('GET /admin/runs lists newest first with statistics parsed', async () => {
    const repo = t.db.getRepository(SyncRunEntity);
    await repo.insert({
      trigger: 'qbwc',
      ticketPrefix: 'abcd1234',
      status: 'ok',
      statsJson: '{"customer":{"read":4}}',
      error: null,
      startedAt: new Date('2026-03-01T10:00:00Z'),
      finishedAt: new Date('2026-03-01T10:01:00Z'),
    });
    await repo.insert({
      trigger: 'b24-poll',
      ticketPrefix: null,
      status: 'failed',
      statsJson: '{}',
      error: 'Bitrix24 unreachable',
      startedAt: new Date('2026-03-02T10:00:00Z'),
      finishedAt: null,
    });
    const res = await call('GET', '/admin/runs?limit=5');
    expect(res.json()).toMatchObject([
      { trigger: 'b24-poll', status: 'failed', stats: {}, finishedAt: null },
      { trigger: 'qbwc', stats: { customer: { read: 4 } }, startedAt: '2026-03-01T10:00:00.000Z' },
    ]);
    expect((await call('GET', '/admin/runs?limit=1')).json()).toHaveLength(1);
  });

  it('a record history joins both ids through the mapping: sync log, Bitrix24 events and queue rows, newest first', async () => {
    await mapping('customer', '80000001-1', 'contact', '77');
    const logs = t.db.getRepository(SyncLogEntity);
    await logs.insert({
      direction: 'qb->b24',
      qbEntity: 'customer',
      qbId: '80000001-1',
      b24Entity: 'contact',
      b24Id: '77',
      action: 'update',
      detail: null,
      at: new Date('2026-03-01T09:00:00Z'),
    });
    await logs.insert({
      direction: 'qb->b24',
      qbEntity: 'customer',
      qbId: 'OTHER',
      b24Entity: 'contact',
      b24Id: '78',
      action: 'update',
      detail: null,
      at: new Date('2026-03-01T09:30:00Z'),
    });
    await t.db.getRepository(B24EventEntity).insert({
      dedupeKey: 'ONCRMCONTACTUPDATE:contact:77:1',
      event: 'ONCRMCONTACTUPDATE',
      b24Entity: 'contact',
      b24Id: '77',
      action: 'update',
      ts: '1',
      status: 'processed',
      note: null,
      receivedAt: new Date('2026-03-01T11:00:00Z'),
      processedAt: null,
    });
    const o = await outbox('conflict', { b24Entity: 'contact', b24Id: '77', qbId: '80000001-1', updatedAt: new Date('2026-03-01T12:00:00Z') });

    for (const url of ['/admin/records/qb/customer/80000001-1/history', '/admin/records/b24/contact/77/history']) {
      const res = await call('GET', url);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ linked: unknown[]; entries: { source: string; at: string }[] }>();
      expect(body.linked).toEqual([{ qbEntity: 'customer', qbId: '80000001-1', b24Entity: 'contact', b24Id: '77', status: 'linked' }]);
      expect(body.entries.map((e) => [e.source, e.at])).toEqual([
        ['outbox', '2026-03-01T12:00:00.000Z'],
        ['b24_event', '2026-03-01T11:00:00.000Z'],
        ['sync_log', '2026-03-01T09:00:00.000Z'],
      ]);
      expect(body.entries[0]).toMatchObject({ id: o.id, status: 'conflict' });
    }
    expect((await call('GET', '/admin/records/qb/customer/NOPE/history')).json()).toMatchObject({ linked: [], entries: [] });
  });

  it("dry run: pending rows grouped by operation and entity, and each read's starting watermark (null = full import)", async () => {
    await outbox('pending', { operation: 'add', qbEntity: 'customer', b24Entity: 'contact', notBefore: new Date('2026-03-02T14:00:00Z') });
    await outbox('pending', { operation: 'add', qbEntity: 'customer', b24Entity: 'contact', notBefore: new Date('2026-03-02T16:00:00Z') });
    await outbox('pending', { operation: 'mod', qbEntity: 'item', b24Entity: 'product', notBefore: new Date('2026-03-01T00:00:00Z') });
    await outbox('in_flight');
    await outbox('dead');
    await t.db
      .getRepository(SyncWatermarkEntity)
      .insert({ key: 'qb:customer', modifiedSince: new Date('2026-03-01T08:00:00Z'), deletedSince: null, recordsSeen: 1, updatedAt: new Date() });
    const before = await snapshotDatabase(t.db);
    const res = await call('GET', '/admin/dry-run');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ pending: unknown[]; inFlight: number; reads: { key: string; modifiedSince: string | null }[] }>();
    expect(body.pending).toEqual([
      { operation: 'add', qbEntity: 'customer', b24Entity: 'contact', count: 2, dueNow: 1 },
      { operation: 'mod', qbEntity: 'item', b24Entity: 'product', count: 1, dueNow: 1 },
    ]);
    expect(body.inFlight).toBe(1);
    expect(body.reads.find((r) => r.key === 'qb:customer')?.modifiedSince).toBe('2026-03-01T08:00:00.000Z');
    expect(body.reads.find((r) => r.key === 'qb:invoice')?.modifiedSince).toBeNull();
    expect(body.reads.find((r) => r.key === 'b24:contact')?.modifiedSince).toBeNull();
    expect(await snapshotDatabase(t.db)).toEqual(before);
  });
});

describe('OpenAPI', () => {
  it('GET /docs serves the Swagger UI without a token, at /docs/ where its relative assets resolve', async () => {
    const redirect = await t.app.inject({ method: 'GET', url: '/docs' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers['location']).toBe('/docs/');
    const res = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('src="./swagger-ui-bundle.js"');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('swagger-ui');
    const asset = await t.app.inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });
    expect(asset.statusCode).toBe(200);
  });

  it('GET /docs-json lists every admin path with bearer auth', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs-json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, unknown>; components: { securitySchemes: Record<string, { scheme?: string }> } }>();
    for (const p of [
      '/admin/queue',
      '/admin/dead-letters',
      '/admin/conflicts',
      '/admin/queue/{id}/requeue',
      '/admin/dead-letters/requeue-all',
      '/admin/conflicts/{id}/resolve',
      '/admin/resync',
      '/admin/mappings',
      '/admin/runs',
      '/admin/records/{system}/{entity}/{id}/history',
      '/admin/dry-run',
      '/admin/mapping',
    ])
      expect(doc.paths, p).toHaveProperty([p]);
    expect(doc.components.securitySchemes['admin']?.scheme).toBe('bearer');
    expect(res.body).not.toContain(TEST_ADMIN_TOKEN);
  });
});
