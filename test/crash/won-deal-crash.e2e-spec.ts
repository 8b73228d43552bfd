import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { generateSampleCompany, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runArmedSession, type CrashWorld } from './support/armed-session.js';
import { B24KillProxy } from './support/b24-kill-proxy.js';
import { ConnectorProcess, CRASH_APPLICATION_TOKEN, SESSION_TIMEOUT_MINUTES } from './support/connector-process.js';
import { waitForWorkerIdle } from './support/worker-idle.js';

/**
 * A won deal → QuickBooks across a crash (issue 16 part 5): the connector process is SIGKILLed while QuickBooks
 * applies the deal's SalesOrderAdd, so QuickBooks has the order but the connector never saw the answer, the link was
 * never recorded and the deal field never written. After the restart there must still be exactly one order, and the
 * deal must end with its TxnID.
 */
const AFTER_CRASH_MS = (SESSION_TIMEOUT_MINUTES + 1) * 60_000;
const TXN_FIELD = 'UF_CRM_QB_TXN';

let portal: Bitrix24Portal;
let qb: QuickBooksCompany;
let child: ConnectorProcess;
let proxy: B24KillProxy;
let world: CrashWorld;
let dir: string;

async function rest(method: string, params: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${portal.webhookUrl}${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  expect(res.status, method).toBe(200);
}

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i += 1) {
    const { result } = await runArmedSession(world);
    if (result.outcome !== 'completed' && result.outcome !== 'none') throw new Error(`session ended ${result.outcome}: ${child.lastStderr}`);
    qb.advance(60_000);
  }
}

beforeAll(async () => {
  portal = await startBitrix24Portal();
  await rest('crm.deal.userfield.add', { fields: { FIELD_NAME: 'QB_TXN', USER_TYPE_ID: 'string' } });
  qb = generateSampleCompany({ seed: 16, scale: { customers: 8, vendors: 1, items: 4, invoices: 4, estimates: 1 } });
  // One sales order before the first import: the sales order watermark then follows QuickBooks' own times.
  qb.userAddTxn('SalesOrder', { CustomerRef: { ListID: qb.ids('Customer')[0] ?? '' } }, [
    { ItemRef: { ListID: qb.ids('ItemService')[0] ?? '' }, Quantity: '1', Rate: '1.00' },
  ]);
  dir = mkdtempSync(path.join(os.tmpdir(), 'won-crash-'));
  const mapping = path.join(dir, 'mapping.json');
  writeFileSync(mapping, JSON.stringify({ toQuickBooks: { deals: { enabled: true, stages: ['WON'], create: 'salesOrder', txnIdField: TXN_FIELD } } }));
  proxy = await B24KillProxy.start(portal.webhookUrl);
  child = await ConnectorProcess.create({ webhookUrl: proxy.webhookUrl, env: { MAPPING_FILE: mapping } });
  await child.start();
  portal.setEvents({ handlerUrl: `${child.url}/bitrix24/webhook`, applicationToken: CRASH_APPLICATION_TOKEN });
  world = { child, qb, portal, proxy, idleStats: { waits: 0, ms: 0 } };
});

afterAll(async () => {
  await child?.dispose();
  await proxy?.close();
  await portal?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('crash suite: won deal → QuickBooks', () => {
  it('a SIGKILL while QuickBooks applies the SalesOrderAdd still leaves exactly one sales order, and the deal gets its TxnID', {
    timeout: 600_000,
  }, async () => {
    await settle();
    const company = portal.list('company').find((c) => String(c['ORIGINATOR_ID']) === 'QUICKBOOKS');
    const product = portal.list('product').find((p) => /^QB_/.test(String(p['XML_ID'] ?? '')));
    if (!company || !product) throw new Error('the first import linked a company and a product');
    const dealId = portal.ui.add('deal', { TITLE: 'Crash order', COMPANY_ID: company['ID'], STAGE_ID: 'NEW' });
    await rest('crm.deal.productrows.set', { id: dealId, rows: [{ PRODUCT_ID: Number(product['ID']), PRICE: 50, QUANTITY: 2 }] });
    portal.ui.update('deal', dealId, { STAGE_ID: 'WON' });
    await portal.idle();
    await waitForWorkerIdle(child, portal, { stats: world.idleStats });

    // The write batch is the session's first qbXML message (Bitrix24 → QuickBooks goes first).
    const run = await runArmedSession(world, { kind: 'qb', nth: 1 }, { waitForEvents: false });
    expect(run.fired).toBe(true);
    expect(run.firedAt).toContain('SalesOrderAdd');
    const orders = (): Record<string, unknown>[] =>
      qb
        .ids('SalesOrder')
        .map((id) => qb.getRet(id) as Record<string, unknown>)
        .filter((r) => r['RefNumber'] === `B24-${dealId}`);
    expect(orders(), 'QuickBooks applied the add before the process died').toHaveLength(1);

    qb.advance(AFTER_CRASH_MS);
    await child.restart(AFTER_CRASH_MS);
    await settle();
    expect(orders()).toHaveLength(1);
    expect(String((portal.get('deal', dealId) as Record<string, unknown>)[TXN_FIELD])).toBe(String(orders()[0]?.['TxnID']));
  });
});
