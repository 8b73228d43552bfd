import { LIST_KINDS } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { SyncErrorEntity } from '../../apps/connector/src/sync/sync-error.entity.js';
import { HARNESS_APPLICATION_TOKEN, settleSessions, startHarness, type Harness } from '../support/sync-harness.js';
import { s, type Rec } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const items = (x: Harness): Rec[] => LIST_KINDS.filter((k) => k.startsWith('Item')).flatMap((k) => x.qb.ids(k).map((id) => x.qb.getRet(id) as Rec));

/** A QuickBooks item of the sample company, by Name (names are unique in the sample company). */
function itemNamed(x: Harness, name: string): Rec {
  const found = items(x).find((i) => s(i['Name']) === name);
  if (!found) throw new Error(`the sample company has no item "${name}"`);
  return found;
}

const productsNamed = (x: Harness, name: string): string[] =>
  x.portal
    .list('product')
    .filter((p) => s(p['NAME']) === name)
    .map((p) => s(p['ID']));

async function productMapping(x: Harness, listId: string): Promise<IdMappingEntity | null> {
  return x.t.db.getRepository(IdMappingEntity).findOneBy({ qbEntity: 'item', qbId: listId, b24Entity: 'product' });
}

/** A portal that already has products before the first import, with its events wired (they reach the inbox). */
async function seededHarness(products: readonly Record<string, unknown>[]): Promise<{ x: Harness; ids: number[] }> {
  const x = await startHarness();
  x.portal.setEvents({ handlerUrl: `${x.url}/bitrix24/webhook`, applicationToken: HARNESS_APPLICATION_TOKEN });
  const ids = products.map((p) => x.portal.ui.add('product', p));
  await x.portal.idle();
  return { x, ids };
}

describe('first import: products already in Bitrix24', () => {
  it('a product named exactly like a QuickBooks item is linked to it, not created twice, and stays linked', async () => {
    const { x, ids } = await seededHarness([{ NAME: 'Design 1', PRICE: 1, CURRENCY_ID: 'USD' }]);
    h = x;
    const item = itemNamed(h, 'Design 1');
    const [existing] = ids;
    await settleSessions(h, 3);
    expect(productsNamed(h, 'Design 1')).toEqual([String(existing)]);
    expect((await productMapping(h, s(item['ListID'])))?.b24Id).toBe(String(existing));
    expect(s(h.portal.get('product', existing ?? 0)?.['XML_ID'])).toBe(`QB_${s(item['ListID'])}`);
    // and QuickBooks did not get a second item for it
    expect(
      items(h)
        .map((i) => s(i['Name']))
        .filter((n) => n.startsWith('Design 1')),
    ).toEqual(['Design 1']);
  });

  it('with several products of that name a new one is created, the ambiguity is journaled, and the link never moves to an old one', async () => {
    const { x, ids } = await seededHarness([
      { NAME: 'Design 2', PRICE: 1, CURRENCY_ID: 'USD' },
      { NAME: 'Design 2', PRICE: 2, CURRENCY_ID: 'USD' },
    ]);
    h = x;
    const listId = s(itemNamed(h, 'Design 2')['ListID']);
    await settleSessions(h, 3);
    const created = h.portal.list('product').find((p) => s(p['XML_ID']) === `QB_${listId}`);
    expect(created).toBeDefined();
    expect(ids.map(String)).not.toContain(s(created?.['ID']));
    expect((await productMapping(h, listId))?.b24Id).toBe(s(created?.['ID']));
    const errors = await h.t.db.getRepository(SyncErrorEntity).findBy({ code: 'AMBIGUOUS_MATCH', recordId: listId });
    expect(errors).toHaveLength(1);
    // The old products are Bitrix24's own: each reaches QuickBooks as an item of its own (name suffixed).
    for (const id of ids) {
      const link = await h.t.db.getRepository(IdMappingEntity).findOneBy({ qbEntity: 'item', b24Entity: 'product', b24Id: String(id) });
      expect(link?.qbId).toBeDefined();
      expect(link?.qbId).not.toBe(listId);
      expect(s((h.qb.getRet(link?.qbId ?? '') as Rec | undefined)?.['Name'])).toBe(`Design 2 (B24 ${id})`);
    }
  });
});
