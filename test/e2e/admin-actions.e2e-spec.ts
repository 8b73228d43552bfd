import { describe, expect, it } from 'vitest';
import { SyncWatermarkEntity } from '../../apps/connector/src/sync/sync-watermark.entity.js';
import { snapshotDatabase, TEST_ADMIN_TOKEN } from '../support/test-app.js';
import { AUTH, type Method, useAdminApp } from '../support/admin-app.js';

// The admin API, part 1 of 2 (admin-views.e2e-spec.ts has the read views and OpenAPI): who may call it, bad input, and the actions.

const admin = useAdminApp();
const { call, outbox, row, adminLogs } = admin;

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
    const before = await snapshotDatabase(admin.t.db);
    const res = await call(method, url, body, {});
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED' });
    expect(await snapshotDatabase(admin.t.db)).toEqual(before);
  });

  it.each(ENDPOINTS)('$method $url with a wrong token → 401, nothing changed', async ({ method, url, body }) => {
    await outbox('conflict');
    const before = await snapshotDatabase(admin.t.db);
    for (const authorization of [`Bearer ${TEST_ADMIN_TOKEN}x`, `Bearer ${TEST_ADMIN_TOKEN.slice(0, -1)}`, `Basic ${TEST_ADMIN_TOKEN}`, TEST_ADMIN_TOKEN]) {
      const res = await call(method, url, body, { authorization });
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain(TEST_ADMIN_TOKEN);
    }
    expect(await snapshotDatabase(admin.t.db)).toEqual(before);
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
    const before = await snapshotDatabase(admin.t.db);
    const res = await call(method, url, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'BAD_REQUEST' });
    expect(await snapshotDatabase(admin.t.db)).toEqual(before);
  });

  it('a JSON body that does not parse → 400', async () => {
    const res = await admin.t.app.inject({
      method: 'POST',
      url: '/admin/resync',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: '{"entity":',
    });
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
    expect(await row(d.id)).toMatchObject({ status: 'pending', attempts: 0, ticketHash: null, notBefore: admin.t.clock.now(), payloadJson: d.payloadJson });
    expect(await adminLogs()).toMatchObject([{ action: 'requeue', b24Entity: 'contact', b24Id: d.b24Id, qbEntity: 'customer', at: admin.t.clock.now() }]);
  });

  it('a conflict row can be requeued too', async () => {
    const c = await outbox('conflict');
    expect((await call('POST', `/admin/queue/${c.id}/requeue`)).statusCode).toBe(200);
    expect((await row(c.id)).status).toBe('pending');
  });

  it('an unknown id → 404; a row that is not dead/conflict → 409; nothing changed', async () => {
    const p = await outbox('in_flight');
    const before = await snapshotDatabase(admin.t.db);
    const missing = await call('POST', '/admin/queue/999999/requeue');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
    const busy = await call('POST', `/admin/queue/${p.id}/requeue`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ statusCode: 409, error: 'CONFLICT' });
    expect(await snapshotDatabase(admin.t.db)).toEqual(before);
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
    const before = await snapshotDatabase(admin.t.db);
    expect((await call('POST', `/admin/conflicts/${d.id}/resolve`, { winner: 'qb' })).statusCode).toBe(409);
    expect((await call('POST', '/admin/conflicts/424242/resolve', { winner: 'qb' })).statusCode).toBe(404);
    expect(await snapshotDatabase(admin.t.db)).toEqual(before);
  });
});

describe('resync', () => {
  async function watermark(key: string): Promise<void> {
    await admin.t.db
      .getRepository(SyncWatermarkEntity)
      .insert({ key, modifiedSince: new Date('2026-03-01T00:00:00Z'), deletedSince: null, recordsSeen: 3, updatedAt: new Date() });
  }
  const keys = async () => (await admin.t.db.getRepository(SyncWatermarkEntity).find({ order: { key: 'ASC' } })).map((w) => w.key);

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
