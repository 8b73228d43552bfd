import { afterEach, describe, expect, it } from 'vitest';
import { B24EventInboxRepository } from '../../apps/connector/src/bitrix/b24-event-inbox.repository.js';
import { B24EventEntity } from '../../apps/connector/src/bitrix/b24-event.entity.js';
import { snapshotDatabase, startTestApp, testConfig, type TestApp } from '../support/test-app.js';

const TOKEN = 'jvh9y1ulvt2m6k5or90v9mg8nn32ozas';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** The documented outgoing-webhook request (shared/reference/bitrix24.md §7.3), with overridable fields. */
function eventBody(over: Record<string, string | undefined> = {}): string {
  const fields: Record<string, string | undefined> = {
    event: 'ONCRMCONTACTUPDATE',
    event_handler_id: '975',
    'data[FIELDS][ID]': '123',
    ts: '1766047124',
    'auth[domain]': 'some-domain.bitrix24.com',
    'auth[client_endpoint]': 'https://some-domain.bitrix24.com/rest/',
    'auth[server_endpoint]': 'https://oauth.bitrix.info/rest/',
    'auth[member_id]': 'd897063e1ce7c5eb9f04b9751eef5915',
    'auth[application_token]': TOKEN,
    ...over,
  };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) params.append(k, v);
  return params.toString();
}

async function withToken(): Promise<TestApp> {
  t = await startTestApp({ config: testConfig({ BITRIX24_APPLICATION_TOKEN: TOKEN }) });
  return t;
}

const post = (app: TestApp, payload: string, headers: Record<string, string> = FORM) =>
  app.app.inject({ method: 'POST', url: '/bitrix24/webhook', headers, payload });

const events = (app: TestApp) => app.db.getRepository(B24EventEntity).find({ order: { id: 'ASC' } });

describe('POST /bitrix24/webhook', () => {
  it('stores a contact update as a pending event before answering queued', async () => {
    const app = await withToken();
    const res = await post(app, eventBody());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ status: 'queued' });
    const rows = await events(app);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'ONCRMCONTACTUPDATE',
      b24Entity: 'contact',
      b24Id: '123',
      action: 'update',
      ts: '1766047124',
      status: 'pending',
      dedupeKey: 'ONCRMCONTACTUPDATE:contact:123:1766047124',
      receivedAt: app.clock.now(),
    });
  });

  it('accepts the exact documented wire encoding (%5B/%5D keys, charset parameter)', async () => {
    const app = await withToken();
    const wire =
      'event=ONCRMDEALADD&event_handler_id=975&data%5BFIELDS%5D%5BID%5D=7405&ts=1766047124' +
      '&auth%5Bdomain%5D=some-domain.bitrix24.com&auth%5Bapplication_token%5D=' +
      TOKEN;
    const res = await post(app, wire, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' });
    expect(res.json()).toEqual({ status: 'queued' });
    expect(await events(app)).toMatchObject([{ b24Entity: 'deal', b24Id: '7405', action: 'add' }]);
  });

  it('compares event names case-insensitively (onCrmCompanyDelete)', async () => {
    const app = await withToken();
    await post(app, eventBody({ event: 'onCrmCompanyDelete' }));
    expect(await events(app)).toMatchObject([{ event: 'ONCRMCOMPANYDELETE', b24Entity: 'company', action: 'delete' }]);
  });

  it('a replayed delivery stores one row and answers duplicate', async () => {
    const app = await withToken();
    expect((await post(app, eventBody())).json()).toEqual({ status: 'queued' });
    expect((await post(app, eventBody())).json()).toEqual({ status: 'duplicate' });
    expect((await post(app, eventBody({ event: 'oncrmcontactupdate' }))).json()).toEqual({ status: 'duplicate' });
    expect(await events(app)).toHaveLength(1);
    // A later change of the same record (new ts) is a new event.
    expect((await post(app, eventBody({ ts: '1766047999' }))).json()).toEqual({ status: 'queued' });
    expect(await events(app)).toHaveLength(2);
  });

  it('the same (event, id, ts) after the first was processed is a second edit in the same second, and is stored', async () => {
    const app = await withToken();
    const inbox = app.app.get(B24EventInboxRepository);
    expect((await post(app, eventBody())).json()).toEqual({ status: 'queued' });
    const [first] = await inbox.pending(10);
    await inbox.markEachProcessed([{ id: first?.id ?? 0, status: 'processed', note: 'queued' }]);
    expect((await post(app, eventBody())).json()).toEqual({ status: 'queued' });
    expect((await inbox.pending(10)).map((e) => e.dedupeKey)).toEqual([first?.dedupeKey]);
    expect((await post(app, eventBody())).json()).toEqual({ status: 'duplicate' });
  });

  it('an event without ts still deduplicates on (event, id)', async () => {
    const app = await withToken();
    await post(app, eventBody({ ts: undefined }));
    expect((await post(app, eventBody({ ts: undefined }))).json()).toEqual({ status: 'duplicate' });
    expect(await events(app)).toMatchObject([{ ts: null, dedupeKey: 'ONCRMCONTACTUPDATE:contact:123:' }]);
  });

  it('answers ignored and stores nothing for events the connector does not sync', async () => {
    const app = await withToken();
    const before = await snapshotDatabase(app.db);
    for (const event of ['ONCRMLEADADD', 'ONCRMDEALMOVETOCATEGORY', 'ONAPPINSTALL']) {
      const res = await post(app, eventBody({ event }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ignored' });
    }
    expect(await snapshotDatabase(app.db)).toEqual(before);
  });

  describe('refuses untrusted deliveries with 401 and stores nothing', () => {
    it.each([
      ['a forged token', { 'auth[application_token]': 'forged-token-forged-token-forged' }],
      ['no token', { 'auth[application_token]': undefined }],
      ['an empty token', { 'auth[application_token]': '' }],
      ['the token with a different case', { 'auth[application_token]': TOKEN.toUpperCase() }],
      ['the token as a prefix', { 'auth[application_token]': TOKEN.slice(0, 10) }],
    ])('%s', async (_name, over) => {
      const app = await withToken();
      const before = await snapshotDatabase(app.db);
      const res = await post(app, eventBody(over));
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED' });
      expect(res.body).not.toContain(TOKEN);
      expect(await snapshotDatabase(app.db)).toEqual(before);
    });

    it('when BITRIX24_APPLICATION_TOKEN is not configured, even a well-formed event', async () => {
      t = await startTestApp();
      const before = await snapshotDatabase(t.db);
      const res = await post(t, eventBody());
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED' });
      expect(await snapshotDatabase(t.db)).toEqual(before);
    });
  });

  describe('refuses malformed deliveries and stores nothing', () => {
    it.each([
      ['no event', eventBody({ event: undefined }), 400],
      ['an empty event', eventBody({ event: '' }), 400],
      ['no record id', eventBody({ 'data[FIELDS][ID]': undefined }), 400],
      ['a non-numeric record id', eventBody({ 'data[FIELDS][ID]': '12a' }), 400],
      ['a negative record id', eventBody({ 'data[FIELDS][ID]': '-5' }), 400],
      ['a non-numeric ts', eventBody({ ts: 'yesterday' }), 400],
      ['a malformed bracket key', `${eventBody()}&data[FIELDS=1`, 400],
      ['a group where the id should be', `${eventBody({ 'data[FIELDS][ID]': undefined })}&data[FIELDS][ID][x]=1`, 400],
    ])('%s → %i', async (_name, body, status) => {
      const app = await withToken();
      const before = await snapshotDatabase(app.db);
      const res = await post(app, body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json()).toMatchObject({ statusCode: status });
      expect(await snapshotDatabase(app.db)).toEqual(before);
    });

    it('JSON instead of a form → 415', async () => {
      const app = await withToken();
      const before = await snapshotDatabase(app.db);
      const res = await post(app, JSON.stringify({ event: 'ONCRMCONTACTUPDATE', data: { FIELDS: { ID: '1' } }, auth: { application_token: TOKEN } }), {
        'content-type': 'application/json',
      });
      expect(res.statusCode).toBe(415);
      expect(res.json()).toMatchObject({ statusCode: 415 });
      expect(await snapshotDatabase(app.db)).toEqual(before);
    });

    it('plain text → 415', async () => {
      const app = await withToken();
      const res = await post(app, eventBody(), { 'content-type': 'text/plain' });
      expect(res.statusCode).toBe(415);
      expect(await events(app)).toHaveLength(0);
    });

    it('a body over 1 MB → 413', async () => {
      const app = await withToken();
      const before = await snapshotDatabase(app.db);
      const res = await post(app, `${eventBody()}&pad=${'x'.repeat(1024 * 1024)}`);
      expect(res.statusCode).toBe(413);
      expect(await snapshotDatabase(app.db)).toEqual(before);
    });
  });
});

describe('B24EventInboxRepository (the sync engine side)', () => {
  it('hands out pending events oldest first and records how each was processed', async () => {
    const app = await withToken();
    for (const [id, ts] of [
      ['1', '100'],
      ['2', '200'],
      ['3', '300'],
    ] as const)
      await post(app, eventBody({ 'data[FIELDS][ID]': id, ts }));
    const inbox = app.app.get(B24EventInboxRepository);
    const pending = await inbox.pending(2);
    expect(pending.map((e) => e.b24Id)).toEqual(['1', '2']);
    app.clock.advance(5_000);
    await inbox.markEachProcessed([{ id: pending[0]?.id ?? 0, status: 'processed' }]);
    await inbox.markEachProcessed([{ id: pending[1]?.id ?? 0, status: 'failed', note: 'crm.contact.get: not found' }]);
    expect((await inbox.pending(10)).map((e) => e.b24Id)).toEqual(['3']);
    expect(await inbox.countByStatus()).toEqual({ pending: 1, processed: 1, ignored: 0, skipped: 0, failed: 1 });
    const [failed] = await inbox.forRecord('contact', '2');
    expect(failed).toMatchObject({ status: 'failed', note: 'crm.contact.get: not found', processedAt: app.clock.now() });
  });

  it('store() is idempotent when called directly', async () => {
    const app = await withToken();
    const inbox = app.app.get(B24EventInboxRepository);
    const e = { event: 'ONCRMPRODUCTADD', b24Entity: 'product', b24Id: '9', action: 'add', ts: '1' } as const;
    expect(await inbox.store(e)).toBe('queued');
    expect(await inbox.store(e)).toBe('duplicate');
    expect(await inbox.forRecord('product', '9')).toHaveLength(1);
  });
});
