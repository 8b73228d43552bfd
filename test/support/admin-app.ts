import type { StoredErrorCode } from '@qb-b24/sync-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { B24EventEntity } from '../../apps/connector/src/bitrix/b24-event.entity.js';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { OutboxEntity, type OutboxStatus } from '../../apps/connector/src/sync/outbox.entity.js';
import { SyncLogEntity } from '../../apps/connector/src/sync/sync-log.entity.js';
import { SyncRunEntity } from '../../apps/connector/src/sync/sync-run.entity.js';
import { SyncWatermarkEntity } from '../../apps/connector/src/sync/sync-watermark.entity.js';
import { startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './test-app.js';

/** The admin API suites (test/e2e/admin-*.e2e-spec.ts): one app per file, empty tables before each test, and queue rows to act on. */

export const AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
export type Method = 'GET' | 'POST';

let seq = 0;
/** What the queue stores when QuickBooks refuses a name in use (statusCode 3100). */
export const deadCode: StoredErrorCode = 'QB_3100';

export interface AdminApp {
  readonly t: TestApp;
  call(method: Method, url: string, body?: unknown, headers?: Record<string, string>): ReturnType<TestApp['app']['inject']>;
  outbox(status: OutboxStatus, over?: Partial<OutboxEntity>): Promise<OutboxEntity>;
  row(id: number): Promise<OutboxEntity>;
  adminLogs(): Promise<SyncLogEntity[]>;
}

/** Starts one app for the calling spec file (boot is the slow part); every test starts from empty tables. */
export function useAdminApp(): AdminApp {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });
  const t = (): TestApp => {
    if (!app) throw new Error('the admin app starts in beforeAll');
    return app;
  };
  beforeEach(async () => {
    for (const e of [OutboxEntity, SyncWatermarkEntity, SyncLogEntity, SyncRunEntity, IdMappingEntity, B24EventEntity]) await t().db.getRepository(e).clear();
    t().clock.set('2026-03-02T15:00:00Z');
  });
  return {
    get t() {
      return t();
    },
    call: (method, url, body, headers = AUTH) => t().app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) }),
    async outbox(status, over = {}) {
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
      const res = await t().db.getRepository(OutboxEntity).insert(row);
      const id = Number(res.identifiers[0]?.['id']);
      return { ...row, id };
    },
    row: (id) => t().db.getRepository(OutboxEntity).findOneByOrFail({ id }),
    adminLogs: () =>
      t()
        .db.getRepository(SyncLogEntity)
        .find({ where: { direction: 'admin' }, order: { id: 'ASC' } }),
  };
}
