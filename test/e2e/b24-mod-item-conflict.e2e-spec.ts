// An item edited in QuickBooks and in Bitrix24 between two sessions: the Mod answers 3200, the re-read finds
// QuickBooks' own change, and the row waits as a conflict for an operator (POST /admin/conflicts/:id/resolve).
// The winner's value must end up on both sides; the loser's must not reach the winner.
import { loadCompanyFile, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { SAMPLE_COMPANY, settleSessions, startImportedHarness, type Harness, qbWrites } from '../support/sync-harness.js';
import { rec, s } from '../support/record-values.js';
import { TEST_ADMIN_TOKEN } from '../support/test-app.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;

function company(): { qb: QuickBooksCompany; item: string } {
  const qb = loadCompanyFile(SAMPLE_COMPANY);
  const item = qb.userAddList('ItemService', {
    Name: 'Site survey',
    SalesTaxCodeRef: { FullName: 'Non' },
    SalesOrPurchase: { Desc: 'Survey before installation', Price: '120.00', AccountRef: { FullName: 'Services' } },
  });
  return { qb, item };
}

const productOf = (x: Harness, listId: string): number => Number(x.portal.list('product').find((p) => s(p['XML_ID']) === `QB_${listId}`)?.['ID']);
const qbPrice = (x: Harness, listId: string): number => Number(rec(rec(x.qb.getRet(listId))['SalesOrPurchase'])['Price']);
const b24Price = (x: Harness, productId: number): number => Number(x.portal.get('product', productId)?.['PRICE']);
const b24Writes = (x: Harness): number => x.portal.sentEvents.length;

/** Two more sessions write nothing anywhere, and both sides still show `price`. */
async function expectSettled(x: Harness, listId: string, productId: number, price: number): Promise<void> {
  const qb = qbWrites(x);
  const b24 = b24Writes(x);
  await settleSessions(x, 2);
  expect(qbWrites(x)).toBe(qb);
  expect(b24Writes(x)).toBe(b24);
  expect(qbPrice(x, listId)).toBe(price);
  expect(b24Price(x, productId)).toBe(price);
}

/** Both sides edit the price, one session runs: the row is left as a conflict, each side still holds its own value. */
async function conflicted(): Promise<{ x: Harness; listId: string; productId: number; conflictId: number }> {
  const c = company();
  const x = await startImportedHarness({ qb: c.qb });
  const productId = productOf(x, c.item);
  x.qb.advance(HOUR);
  x.qb.userEdit(c.item, { SalesOrPurchase: { Price: '150.00' } });
  x.portal.ui.update('product', productId, { PRICE: '130.00' });
  await x.portal.idle();
  expect((await x.session()).outcome).toBe('completed');
  const conflict = await x.t.db.getRepository(OutboxEntity).findOneByOrFail({ status: 'conflict', b24Entity: 'product' });
  expect(qbPrice(x, c.item)).toBe(150);
  expect(b24Price(x, productId)).toBe(130);
  return { x, listId: c.item, productId, conflictId: conflict.id };
}

async function resolve(x: Harness, id: number, winner: 'qb' | 'b24'): Promise<void> {
  const res = await x.t.app.inject({
    method: 'POST',
    url: `/admin/conflicts/${id}/resolve`,
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    payload: { winner },
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('resolving an item conflict', () => {
  it("winner qb: nothing is written to QuickBooks, Bitrix24 receives QuickBooks' price on the next session, then nothing more is written", async () => {
    const c = await conflicted();
    h = c.x;
    await resolve(c.x, c.conflictId, 'qb');
    const before = qbWrites(c.x);
    await settleSessions(c.x, 1);
    expect(qbWrites(c.x)).toBe(before);
    expect(qbPrice(c.x, c.listId)).toBe(150);
    expect(b24Price(c.x, c.productId)).toBe(150);
    expect((await c.x.t.db.getRepository(OutboxEntity).findOneByOrFail({ id: c.conflictId })).status).toBe('done');
    await expectSettled(c.x, c.listId, c.productId, 150);
  });

  it('winner b24: QuickBooks receives the Bitrix24 price, which Bitrix24 keeps, then nothing more is written', async () => {
    const c = await conflicted();
    h = c.x;
    await resolve(c.x, c.conflictId, 'b24');
    await settleSessions(c.x, 1);
    expect(qbPrice(c.x, c.listId)).toBe(130);
    expect(b24Price(c.x, c.productId)).toBe(130);
    expect((await c.x.t.db.getRepository(OutboxEntity).findOneByOrFail({ id: c.conflictId })).status).toBe('done');
    await expectSettled(c.x, c.listId, c.productId, 130);
  });
});
