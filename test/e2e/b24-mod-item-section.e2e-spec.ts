// Items bought and sold (SalesAndPurchase: SalesDesc/SalesPrice) get a product edit from Bitrix24 in that section.
// A SalesOrPurchaseMod does not change SalesDesc/SalesPrice: the emulator adds a SalesOrPurchase aggregate next to the
// SalesAndPurchase one (an item with both, which the XSD choice does not allow), the item's sales price stays old, and the
// next read brings the old price back to Bitrix24. The connector remembers each item's section (IdMapping.baseJson).
import { loadCompanyFile, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { IdMappingEntity } from '../../apps/connector/src/mapping/id-mapping.entity.js';
import { SAMPLE_COMPANY, settleSessions, startImportedHarness, type Harness, qbWrites } from '../support/sync-harness.js';
import { rec, s } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;

function company(): { qb: QuickBooksCompany; item: string } {
  const qb = loadCompanyFile(SAMPLE_COMPANY);
  const item = qb.userAddList('ItemService', {
    Name: 'Install (subcontracted)',
    SalesTaxCodeRef: { FullName: 'Non' },
    SalesAndPurchase: {
      SalesDesc: 'Installation on site',
      SalesPrice: '80.00',
      IncomeAccountRef: { FullName: 'Services' },
      PurchaseDesc: 'Subcontractor installation',
      PurchaseCost: '50.00',
      ExpenseAccountRef: { FullName: 'Cost of Goods Sold' },
    },
  });
  return { qb, item };
}

const productOf = (x: Harness, listId: string): number => Number(x.portal.list('product').find((p) => s(p['XML_ID']) === `QB_${listId}`)?.['ID']);
const b24Writes = (x: Harness): number => x.portal.sentEvents.length;

/** The edit reached QuickBooks in SalesAndPurchase, the purchase side is untouched, and there is no SalesOrPurchase. */
function expectSalesAndPurchase(x: Harness, listId: string, want: { desc?: string; price: string }): void {
  const item = rec(x.qb.getRet(listId));
  expect(item).not.toHaveProperty('SalesOrPurchase');
  const sap = rec(item['SalesAndPurchase']);
  if (want.desc === undefined) expect(sap).not.toHaveProperty('SalesDesc');
  else expect(s(sap['SalesDesc'])).toBe(want.desc);
  expect(Number(sap['SalesPrice'])).toBe(Number(want.price));
  expect(s(sap['PurchaseDesc'])).toBe('Subcontractor installation');
  expect(Number(sap['PurchaseCost'])).toBe(50);
}

async function expectNoLoop(x: Harness, productId: number, price: number): Promise<void> {
  await settleSessions(x, 1);
  const qb = qbWrites(x);
  const b24 = b24Writes(x);
  await settleSessions(x, 3);
  expect(qbWrites(x)).toBe(qb);
  expect(b24Writes(x)).toBe(b24);
  expect(Number(x.portal.get('product', productId)?.['PRICE'])).toBe(price);
}

describe('a bought-and-sold item edited in Bitrix24', () => {
  it('price and description land in SalesAndPurchase (SalesPrice/SalesDesc), then nothing loops', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const productId = productOf(h, c.item);
    expect(Number(h.portal.get('product', productId)?.['PRICE'])).toBe(80);
    h.portal.ui.update('product', productId, { PRICE: '95.50', DESCRIPTION: 'Installation on site, 2 technicians' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    const mods = h.qb.requestLog.flatMap((e) => e.answers).filter((a) => a.rq === 'ItemServiceModRq');
    expect(mods.map((a) => a.statusCode)).toEqual([0]);
    expectSalesAndPurchase(h, c.item, { desc: 'Installation on site, 2 technicians', price: '95.50' });
    await expectNoLoop(h, productId, 95.5);
    expect(s(h.portal.get('product', productId)?.['DESCRIPTION'])).toBe('Installation on site, 2 technicians');
  });

  it('a description deleted in Bitrix24 clears SalesDesc, and only that', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const productId = productOf(h, c.item);
    h.portal.ui.update('product', productId, { DESCRIPTION: '' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expectSalesAndPurchase(h, c.item, { price: '80.00' });
    await expectNoLoop(h, productId, 80);
    expect(s(h.portal.get('product', productId)?.['DESCRIPTION'])).toBe('');
  });

  it('a mapping stored before the section was remembered ({ itemType } only): the item is read first, then modified in its section', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const productId = productOf(h, c.item);
    const repo = h.t.db.getRepository(IdMappingEntity);
    const mapping = await repo.findOneByOrFail({ qbEntity: 'item', qbId: c.item });
    await repo.update({ id: mapping.id }, { baseJson: JSON.stringify({ itemType: 'Service' }) });
    h.portal.ui.update('product', productId, { PRICE: '99.00', DESCRIPTION: '' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    // read first (ItemQuery by ListID), then one Mod
    expect(h.qb.requestLog.flatMap((e) => e.answers).filter((a) => a.rq === 'ItemServiceModRq')).toHaveLength(1);
    // the re-read found the item unchanged since the last sync, so its values count as agreed and the deletion clears SalesDesc
    expectSalesAndPurchase(h, c.item, { price: '99.00' });
    await expectNoLoop(h, productId, 99);
  });

  it('after a QuickBooks-side price edit reached Bitrix24, a Bitrix24 price edit lands in SalesAndPurchase and keeps the description', async () => {
    const c = company();
    h = await startImportedHarness({ qb: c.qb });
    const productId = productOf(h, c.item);
    h.qb.advance(HOUR);
    h.qb.userEdit(c.item, { SalesAndPurchase: { SalesPrice: '85.00' } });
    await settleSessions(h, 1);
    expect(Number(h.portal.get('product', productId)?.['PRICE'])).toBe(85);
    h.portal.ui.update('product', productId, { PRICE: '90.00' });
    await h.portal.idle();
    expect((await h.session()).outcome).toBe('completed');
    expectSalesAndPurchase(h, c.item, { desc: 'Installation on site', price: '90.00' });
    await expectNoLoop(h, productId, 90);
  });
});
