import { afterEach, describe, expect, it } from 'vitest';
import { OutboxEntity } from '../../apps/connector/src/sync/outbox.entity.js';
import { rec, s, type Rec } from '../support/record-values.js';
import { drainWorker, qbWrites, settleSessions, startImportedHarness, type Harness } from '../support/sync-harness.js';

// A Bitrix24 user who changes a field and then changes it back (a typo undone, an edit reverted) makes a change whose
// values the connector has seen before. It must still reach QuickBooks: the change in between may have been sent
// already, or be waiting in the queue.

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;

function cityOf(x: Harness, listId: string): string {
  return s(((x.qb.getRet(listId) as Rec)['BillAddress'] as Rec | undefined)?.['City']);
}

/** A contact synced to QuickBooks with its city, and the customer's ListID. */
async function syncedContact(x: Harness, city: string): Promise<{ id: number; listId: string }> {
  const id = x.portal.ui.add('contact', { NAME: 'Edsger', LAST_NAME: 'Dijkstra', ADDRESS_CITY: city });
  await x.portal.idle();
  expect((await x.session()).outcome).toBe('completed');
  const listId = x.qb.ids('Customer').find((c) => s((x.qb.getRet(c) as Rec)['Name']) === 'Edsger Dijkstra');
  if (listId === undefined) throw new Error('the contact did not reach QuickBooks');
  expect(cityOf(x, listId)).toBe(city);
  return { id, listId };
}

/** A Bitrix24 edit, processed by the worker (queued for QuickBooks) before the test goes on. */
async function edit(x: Harness, entity: 'contact' | 'product', id: number, fields: Rec): Promise<void> {
  x.portal.ui.update(entity, id, fields);
  await x.portal.idle();
  await drainWorker(x.t);
}

/** After a few more sessions nothing is written either way: the revert did not start a loop. */
async function expectSettled(x: Harness): Promise<void> {
  await settleSessions(x, 1);
  const qb = qbWrites(x);
  const b24 = x.portal.sentEvents.length;
  await settleSessions(x, 2);
  expect(qbWrites(x)).toBe(qb);
  expect(x.portal.sentEvents.length).toBe(b24);
  expect(await x.t.db.getRepository(OutboxEntity).countBy({ status: 'pending' })).toBe(0);
}

/** A QuickBooks item's sales price, whichever section holds it. */
function salesPrice(ret: unknown): number {
  const item = rec(ret);
  return Number(rec(item['SalesOrPurchase'])['Price'] ?? rec(item['SalesAndPurchase'])['SalesPrice'] ?? item['SalesPrice']);
}

describe('a Bitrix24 edit undone reaches QuickBooks', () => {
  it('A → B → A, each synced by its own session: QuickBooks ends with A', async () => {
    h = await startImportedHarness();
    const { id, listId } = await syncedContact(h, 'Amsterdam');
    await edit(h, 'contact', id, { ADDRESS_CITY: 'Austin' });
    h.qb.advance(HOUR);
    expect((await h.session()).outcome).toBe('completed');
    expect(cityOf(h, listId)).toBe('Austin');
    await edit(h, 'contact', id, { ADDRESS_CITY: 'Amsterdam' });
    h.qb.advance(HOUR);
    expect((await h.session()).outcome).toBe('completed');
    expect(cityOf(h, listId)).toBe('Amsterdam');
    await expectSettled(h);
  });

  it('A → B → A before any session: QuickBooks keeps A', async () => {
    h = await startImportedHarness();
    const { id, listId } = await syncedContact(h, 'Amsterdam');
    await edit(h, 'contact', id, { ADDRESS_CITY: 'Austin' });
    await edit(h, 'contact', id, { ADDRESS_CITY: 'Amsterdam' });
    h.qb.advance(HOUR);
    expect((await h.session()).outcome).toBe('completed');
    expect(cityOf(h, listId)).toBe('Amsterdam');
    await expectSettled(h);
  });

  it('a product price A → B → A before any session: the QuickBooks item keeps A', async () => {
    h = await startImportedHarness();
    const product = h.portal.list('product').find((p) => s(p['XML_ID']).startsWith('QB_') && Number(p['PRICE']) > 0);
    if (!product) throw new Error('the import made no priced product');
    const id = Number(product['ID']);
    const listId = s(product['XML_ID']).slice('QB_'.length);
    const price = salesPrice(h.qb.getRet(listId));
    await edit(h, 'product', id, { PRICE: price + 10 });
    await edit(h, 'product', id, { PRICE: price });
    h.qb.advance(HOUR);
    expect((await h.session()).outcome).toBe('completed');
    expect(salesPrice(h.qb.getRet(listId))).toBe(price);
    await expectSettled(h);
  });

  // Since a matching state is no echo while a change is queued, our own write to Bitrix24 made while a Bitrix24 change
  // waits is queued too: it must settle, not flip the record between the two sides' values.
  it('a customer edited on both sides while the Bitrix24 edit waits settles on the merged values, with no more writes', async () => {
    h = await startImportedHarness();
    const { id, listId } = await syncedContact(h, 'Amsterdam');
    h.qb.advance(HOUR);
    h.qb.userEdit(listId, { LastName: 'Dijkstra-QB', BillAddress: { City: 'Eindhoven' } });
    await edit(h, 'contact', id, { LAST_NAME: 'Dijkstra-B24', ADDRESS_CITY: 'Austin' });
    await expectSettled(h);
    const qb = rec(h.qb.getRet(listId));
    const b24 = h.portal.get('contact', id) ?? {};
    // QuickBooks wins names, Bitrix24 contact details (README, Conflicts); both sides hold the result.
    expect([s(qb['LastName']), s(b24['LAST_NAME'])]).toEqual(['Dijkstra-QB', 'Dijkstra-QB']);
    expect([cityOf(h, listId), s(b24['ADDRESS_CITY'])]).toEqual(['Austin', 'Austin']);
  });
});
