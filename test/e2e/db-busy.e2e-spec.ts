import { WebConnectorDriver, type QbProcessResult, type QuickBooksRequestProcessor, type SessionResult } from '@qb-b24/qbwc-driver';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { B24EventEntity } from '../../apps/connector/src/bitrix/b24-event.entity.js';
import { B24PollerService } from '../../apps/connector/src/sync/b24-poller.service.js';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { DbWriteLock, holdWriteLockBriefly } from '../support/db-busy-lock.js';
import { s, type Rec } from '../support/record-values.js';
import { drainWorker, FILE_ID, OWNER_ID, startHarness, type Harness } from '../support/sync-harness.js';
import { tempDataDir, TEST_ADMIN_TOKEN, TEST_PASSWORD } from '../support/test-app.js';
import { testDatabaseBaseUrl } from '../support/test-database.js';

/**
 * Issue #10: "database busy; each converges". Another connection holds the SQLite write lock of the
 * connector's database file while a Web Connector session runs, Bitrix24 events arrive and an operator
 * requeues a dead letter. Each failing call must fail visibly (QBWC error, 5xx to Bitrix24, JSON error to
 * the operator), write nothing half-way, and everything must converge once the lock is gone.
 *
 * Skipped on PostgreSQL (TEST_DATABASE_URL): the lock mechanics and DATABASE_BUSY_TIMEOUT_MS are SQLite's.
 */
const TOKEN = 'harness-application-token';
/** Small, so a blocked write gives up quickly (each one blocks the test's thread for this long). */
const BUSY_TIMEOUT_MS = '300';
/** Past the takeover time of a session abandoned mid-way (qbwc.service.ts), as Web Connector's next scheduled run. */
const NEXT_RUN_MS = 3 * 60_000;

let h: Harness | undefined;
let lock: DbWriteLock | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  lock?.close();
  lock = undefined;
  await h?.close();
  h = undefined;
  cleanup?.();
  cleanup = undefined;
});

async function fileHarness(busyTimeoutMs = BUSY_TIMEOUT_MS): Promise<{ h: Harness; dbFile: string }> {
  const tmp = tempDataDir();
  cleanup = tmp.cleanup;
  const dbFile = path.join(tmp.dir, 'connector.sqlite');
  h = await startHarness({ dbFile, env: { DATABASE_BUSY_TIMEOUT_MS: busyTimeoutMs, DATA_DIR: tmp.dir } });
  return { h, dbFile };
}

/** One Web Connector run; `onRequest(n)` runs before QuickBooks processes the n-th qbXML request. */
async function runSession(x: Harness, onRequest?: (n: number) => void): Promise<SessionResult> {
  let n = 0;
  const processor: QuickBooksRequestProcessor = {
    companyFilePath: x.qb.companyFilePath,
    openSession: (p) => x.qb.openSession(p),
    hcpResponse: (o, f) => x.qb.hcpResponse(o, f),
    closeSession: () => x.qb.closeSession(),
    processRequest(xml: string): Promise<QbProcessResult> {
      n += 1;
      onRequest?.(n);
      return x.qb.processRequest(xml);
    },
  };
  const driver = new WebConnectorDriver({
    appUrl: `${x.url}/qbwc`,
    username: 'qbconnector',
    password: TEST_PASSWORD,
    processor,
    ownerId: OWNER_ID,
    fileId: FILE_ID,
    sleep: async () => undefined,
    envelopeStyle: 'soap',
  });
  await drainWorker(x.t);
  const result = await driver.runSession();
  await drainWorker(x.t);
  return result;
}

/** Bitrix24 records per QuickBooks id (ORIGIN_ID), to see duplicates. */
function countByOrigin(x: Harness, entity: 'contact' | 'company' | 'deal'): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of x.portal.list(entity)) out.set(s(r['ORIGIN_ID']), (out.get(s(r['ORIGIN_ID'])) ?? 0) + 1);
  return out;
}

function expectEveryTransactionOnce(x: Harness): void {
  const deals = countByOrigin(x, 'deal');
  for (const id of [...x.qb.ids('Invoice'), ...x.qb.ids('Estimate')]) expect(deals.get(id), `deals for ${id}`).toBe(1);
  expect(
    [...deals.values()].every((n) => n === 1),
    'no deal twice',
  ).toBe(true);
  const contacts = countByOrigin(x, 'contact');
  expect(
    [...contacts.entries()].filter(([k, n]) => k !== '' && n > 1),
    'no contact twice',
  ).toEqual([]);
}

function customersNamed(x: Harness, name: string): Rec[] {
  return x.qb
    .ids('Customer')
    .map((id) => x.qb.getRet(id) as Rec)
    .filter((c) => s(c['Name']) === name);
}

async function imported(): Promise<{ h: Harness; dbFile: string }> {
  const f = await fileHarness();
  expect((await runSession(f.h)).outcome).toBe('completed');
  f.h.portal.setEvents({ handlerUrl: `${f.h.url}/bitrix24/webhook`, applicationToken: TOKEN });
  return f;
}

describe.skipIf(testDatabaseBaseUrl() !== undefined)('database busy (SQLite write lock held by another connection)', () => {
  it('a session starting while the database is locked fails visibly to Web Connector and writes nothing; the next run imports everything once', async () => {
    const f = await fileHarness();
    lock = new DbWriteLock(f.dbFile);
    lock.hold();
    const failed = await runSession(f.h);
    expect(failed.outcome).toBe('error');
    expect(failed.qbwcError).toBe('QBWC1012');
    expect(failed.transcript.find((e) => e.op === 'authenticate')?.fault?.code).toMatch(/Server$/);
    expect(failed.transcript.find((e) => e.op === 'authenticate')?.fault?.message).toContain('database is busy');
    expect(
      // Reads are fine (the mapping check reads the portal's pipelines at start); no write may have gone out.
      f.h.portal.calls.filter((c) => [c.method, ...(c.batchMethods ?? [])].some((m) => /\.(add|update|delete|set)$/.test(m))),
      'nothing was written to Bitrix24',
    ).toEqual([]);

    lock.release();
    expect((await runSession(f.h)).outcome).toBe('completed');
    expectEveryTransactionOnce(f.h);
  });

  it('a lock taken in the middle of an import fails that call visibly; after release the next runs converge with every record once', async () => {
    const f = await fileHarness();
    const held = new DbWriteLock(f.dbFile);
    lock = held;
    // QuickBooks answers the 3rd request while the lock is held: the connector cannot store what it applied.
    const failed = await runSession(f.h, (n) => {
      if (n === 3) held.hold();
    });
    expect(failed.outcome).toBe('error');
    expect(['QBWC1041', 'QBWC1042']).toContain(failed.qbwcError);
    held.release();

    f.h.t.clock.advance(NEXT_RUN_MS);
    f.h.qb.advance(NEXT_RUN_MS);
    const next = await runSession(f.h);
    expect(next.outcome, next.statusText).toBe('completed');
    expectEveryTransactionOnce(f.h);
    // Converged: one more run adds nothing anywhere.
    const sizes = (): number[] => (['contact', 'company', 'deal', 'product'] as const).map((e) => f.h.portal.list(e).length);
    const before = sizes();
    f.h.t.clock.advance(60_000);
    expect((await runSession(f.h)).outcome).toBe('completed');
    expect(sizes()).toEqual(before);
    expectEveryTransactionOnce(f.h);
  });

  it('a Bitrix24 event that cannot be stored gets a 5xx, never a 200; after release the poll finds the change and it reaches QuickBooks once', async () => {
    const f = await imported();
    lock = new DbWriteLock(f.dbFile);
    lock.hold();
    f.h.portal.ui.add('contact', { NAME: 'Locked', LAST_NAME: 'Out', EMAIL: [{ VALUE: 'locked@busy.example', VALUE_TYPE: 'WORK' }] });
    await f.h.portal.idle();
    const delivery = f.h.portal.sentEvents.at(-1);
    expect(delivery?.outcome).toBe('failed');
    expect(delivery?.httpStatus).toBe(503);

    // The answer a retrying sender (or a proxy in front of us) sees: a JSON error, not "queued".
    const res = await fetch(`${f.h.url}/bitrix24/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ event: 'ONCRMCONTACTUPDATE', 'data[FIELDS][ID]': '1', ts: '1767225600', 'auth[application_token]': TOKEN }).toString(),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body: unknown = await res.json();
    expect(body).toMatchObject({ statusCode: 503, message: expect.stringContaining('database is busy') });
    lock.release();
    expect(await f.h.t.db.getRepository(B24EventEntity).count(), 'nothing was stored while locked').toBe(0);

    // Bitrix24 never re-sends an event (bitrix24.md §7.4): the reconciliation poll is what recovers it.
    expect(await f.h.t.app.get(B24PollerService).pollOnce()).toBeGreaterThan(0);
    expect((await runSession(f.h)).outcome).toBe('completed');
    expect(customersNamed(f.h, 'Locked Out')).toHaveLength(1);
    f.h.t.clock.advance(60_000);
    await runSession(f.h);
    expect(customersNamed(f.h, 'Locked Out')).toHaveLength(1);
  });

  it('requeue while the database is locked answers a JSON error and leaves the row dead; after release it requeues and syncs once', async () => {
    const f = await imported();
    f.h.portal.ui.add('contact', { NAME: 'Dead', LAST_NAME: 'Letter' });
    await f.h.portal.idle();
    f.h.qb.failNext(1, { statusCode: 3120, statusMessage: 'Object "x" specified in the request cannot be found.' });
    expect((await runSession(f.h)).outcome).toBe('completed');
    const dead = await f.h.t.db.getRepository(OutboxEntity).findOneByOrFail({ status: 'dead' });

    lock = new DbWriteLock(f.dbFile);
    lock.hold();
    const requeue = (): Promise<Response> =>
      fetch(`${f.h?.url ?? ''}/admin/queue/${dead.id}/requeue`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    const refused = await requeue();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type') ?? '').toMatch(/json/);
    const body: unknown = await refused.json();
    expect(body).toMatchObject({ statusCode: 503, message: expect.stringContaining('nothing was stored') });
    lock.release();
    expect((await f.h.t.db.getRepository(OutboxEntity).findOneByOrFail({ id: dead.id })).status, 'nothing half-written').toBe('dead');

    const ok = await requeue();
    expect(ok.status).toBe(200);
    expect((await runSession(f.h)).outcome).toBe('completed');
    expect(customersNamed(f.h, 'Dead Letter')).toHaveLength(1);
  });

  it('a lock held for less than the busy timeout only delays calls: the session and the event succeed', async () => {
    const f = await fileHarness('10000');
    // The lock ends long before the 10 s timeout; the calls under it wait and then go through.
    let short = await holdWriteLockBriefly(f.dbFile, 150);
    expect((await runSession(f.h)).outcome).toBe('completed');
    await short.released;
    expectEveryTransactionOnce(f.h);

    f.h.portal.setEvents({ handlerUrl: `${f.h.url}/bitrix24/webhook`, applicationToken: TOKEN });
    short = await holdWriteLockBriefly(f.dbFile, 150);
    f.h.portal.ui.add('contact', { NAME: 'Briefly', LAST_NAME: 'Waited' });
    await f.h.portal.idle();
    await short.released;
    expect(f.h.portal.sentEvents.at(-1)?.outcome).toBe('delivered');
    expect(await f.h.t.db.getRepository(B24EventEntity).countBy({ b24Entity: 'contact' })).toBe(1);
    expect((await runSession(f.h)).outcome).toBe('completed');
    expect(customersNamed(f.h, 'Briefly Waited')).toHaveLength(1);
  });
});
