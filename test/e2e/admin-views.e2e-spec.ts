import { describe, expect, it } from 'vitest';
import { B24EventEntity } from '../../apps/connector/src/bitrix/b24-event.entity.js';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { SyncLogEntity } from '../../apps/connector/src/sync/sync-log.entity.js';
import { SyncRunEntity } from '../../apps/connector/src/sync/sync-run.entity.js';
import { SyncWatermarkEntity } from '../../apps/connector/src/sync/sync-watermark.entity.js';
import { snapshotDatabase, TEST_ADMIN_TOKEN } from '../support/test-app.js';
import { useAdminApp } from '../support/admin-app.js';

// The admin API, part 2 of 2 (admin-actions.e2e-spec.ts has authentication, bad input and the actions): the read views and OpenAPI.

const admin = useAdminApp();
const { call, outbox } = admin;

describe('read views', () => {
  async function mapping(qbEntity: string, qbId: string, b24Entity: string, b24Id: string): Promise<void> {
    const at = new Date('2026-03-01T00:00:00Z');
    await admin.t.db.getRepository(IdMappingEntity).insert({
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
    const repo = admin.t.db.getRepository(SyncRunEntity);
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
    const logs = admin.t.db.getRepository(SyncLogEntity);
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
    await admin.t.db.getRepository(B24EventEntity).insert({
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
    await admin.t.db
      .getRepository(SyncWatermarkEntity)
      .insert({ key: 'qb:customer', modifiedSince: new Date('2026-03-01T08:00:00Z'), deletedSince: null, recordsSeen: 1, updatedAt: new Date() });
    const before = await snapshotDatabase(admin.t.db);
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
    expect(await snapshotDatabase(admin.t.db)).toEqual(before);
  });
});

describe('OpenAPI', () => {
  it('GET /docs serves the Swagger UI without a token, at /docs/ where its relative assets resolve', async () => {
    const redirect = await admin.t.app.inject({ method: 'GET', url: '/docs' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers['location']).toBe('/docs/');
    const res = await admin.t.app.inject({ method: 'GET', url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('src="./swagger-ui-bundle.js"');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('swagger-ui');
    const asset = await admin.t.app.inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });
    expect(asset.statusCode).toBe(200);
  });

  it('GET /docs-json lists every admin path with bearer auth', async () => {
    const res = await admin.t.app.inject({ method: 'GET', url: '/docs-json' });
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
