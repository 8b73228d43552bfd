import { afterEach, describe, expect, it } from 'vitest';
import { SyncErrorEntity } from '../../apps/connector/src/sync/sync-error.entity.js';
import { CUSTOMER_QUERY, ScriptedProvider } from '../support/scripted-provider.js';
import { readResult, soapEnvelope, soapHeaders } from '../support/soap.js';
import { startTestApp, TEST_ADMIN_TOKEN, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

const QB_TEXT = 'Customer "Acme Widgets of Springfield" is in use (QuickBooks 3100)';
const RECORD_ID = '80000123-1699999999';
const COMPANY_FILE_WORD = 'Sample Company';
const CONNECTION_TEXT = 'Could not start QuickBooks for C:\\Books\\Private Ledger.QBW';

describe('what /status and /health show without a token (issue 19)', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close().catch(() => undefined);
    t = undefined;
  });

  it('/status carries error codes and counts, never the QuickBooks/Bitrix24 text, record ids or the company file; /admin/errors has them', async () => {
    t = await startTestApp({ provider: new ScriptedProvider([CUSTOMER_QUERY]) });
    const app = t.app;
    await t.db
      .getRepository(SyncErrorEntity)
      .insert({ runId: null, source: 'quickbooks', entity: 'customer', recordId: RECORD_ID, code: 'QB_3100', message: QB_TEXT, createdAt: new Date() });
    const post = (op: string, params: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/qbwc', headers: soapHeaders(op), payload: soapEnvelope(op, params) });
    const [ticket] = readResult('authenticate', (await post('authenticate', { strUserName: 'qbconnector', strPassword: TEST_PASSWORD })).body);
    await post('connectionError', { ticket: ticket ?? '', hresult: '0x80040408', message: CONNECTION_TEXT });

    const status = await app.inject({ method: 'GET', url: '/status' });
    expect(status.statusCode).toBe(200);
    for (const secret of [QB_TEXT, 'Acme', RECORD_ID, CONNECTION_TEXT, 'Private Ledger', COMPANY_FILE_WORD]) expect(status.body).not.toContain(secret);
    const body = status.json<{ last_errors: unknown[]; last_qbwc_contact: Record<string, unknown> }>();
    expect(body.last_errors).toEqual([{ at: expect.any(String), source: 'quickbooks', entity: 'customer', code: 'QB_3100' }]);
    expect(body.last_qbwc_contact).toMatchObject({ state: 'closed', failed: true });

    expect((await app.inject({ method: 'GET', url: '/admin/errors' })).statusCode).toBe(401);
    const admin = await app.inject({ method: 'GET', url: '/admin/errors', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
    expect(admin.statusCode).toBe(200);
    expect(admin.json()).toMatchObject({
      last_qbwc_error: { message: expect.stringContaining(CONNECTION_TEXT) },
      errors: [{ source: 'quickbooks', entity: 'customer', record: RECORD_ID, code: 'QB_3100', message: QB_TEXT }],
    });
  });

  it('/health with a broken database names the failing check without the driver’s text', async () => {
    t = await startTestApp();
    // The connection is gone: every query now fails with the driver's own message.
    await t.db.destroy();
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    const checks = res.json<{ checks: Record<string, { status: string; detail: string }> }>().checks;
    expect(checks['database']).toEqual({ status: 'error', detail: 'database unreachable' });
    expect(res.body).not.toMatch(/sqlite|connection|not (connected|established)|driver|SELECT/i);
  });
});
