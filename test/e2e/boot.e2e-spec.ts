import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncEngineService } from '../../apps/connector/src/sync/sync-engine.service.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-app.js';

let t: TestApp | undefined;
let portal: Bitrix24Portal | undefined;
afterEach(async () => {
  await t?.close();
  await portal?.close();
  t = undefined;
  portal = undefined;
});

describe('boot', () => {
  it('wires every sync strategy, ordered so the transactions (sales orders, invoices, estimates, sales receipts, credit memos) follow customers and items', async () => {
    t = await startTestApp();
    const order = t.app.get(SyncEngineService).orderedEntities;
    expect([...order].sort()).toEqual(['creditMemo', 'customer', 'estimate', 'invoice', 'item', 'receivePayment', 'salesOrder', 'salesReceipt', 'vendor']);
    // An invoice made from a sales order finds the order's deal when both arrive in one sync.
    expect(order.indexOf('salesOrder')).toBeLessThan(order.indexOf('invoice'));
    // Payments re-read their invoices, so they come after them.
    expect(order.indexOf('receivePayment')).toBeGreaterThan(order.indexOf('invoice'));
    for (const txn of ['invoice', 'estimate', 'salesOrder', 'salesReceipt', 'creditMemo']) {
      expect(order.indexOf(txn)).toBeGreaterThan(order.indexOf('customer'));
      expect(order.indexOf(txn)).toBeGreaterThan(order.indexOf('item'));
    }
  });

  it('/health reports the Bitrix24 portal reachable with sufficient scopes', async () => {
    portal = await startBitrix24Portal();
    t = await startTestApp({ config: testConfig({ BITRIX24_WEBHOOK_URL: portal.webhookUrl }) });
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', checks: { bitrix24: { status: 'ok' }, database: { status: 'ok' } } });
  });

  it('/health answers 503 and names the missing scope when the webhook cannot reach the CRM', async () => {
    portal = await startBitrix24Portal({ scopes: ['user'] });
    t = await startTestApp({ config: testConfig({ BITRIX24_WEBHOOK_URL: portal.webhookUrl }) });
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(JSON.stringify(res.json())).toContain('crm');
  });

  it('/health answers 503 when the webhook code is wrong, without showing it', async () => {
    portal = await startBitrix24Portal();
    const wrong = portal.webhookUrl.replace(/\/rest\/1\/[^/]+\//, '/rest/1/wrongcode123/');
    t = await startTestApp({ config: testConfig({ BITRIX24_WEBHOOK_URL: wrong }) });
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(503);
    expect(res.body).not.toContain('wrongcode123');
  });
});
