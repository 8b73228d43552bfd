// An item's custom field ↔ its product's property (PROPERTY_{id}, bitrix24.md §5.13), both ways: edited in QuickBooks
// it reaches the product, edited on the product it reaches the item (DataExtAdd / DataExtMod after the item's Mod,
// qbxml.md §4.10), and what comes back from either side is recognised, so nothing loops.
import { loadCompanyFile, type QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { list, rec, s } from '../support/record-values.js';
import { SAMPLE_COMPANY, settleSessions, startImportedHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOUR = 3600_000;
/** The Bitrix24 emulator numbers product properties from 100, so the first one added is PROPERTY_100. */
const COLOUR = 'PROPERTY_100';

const rules: MappingRules = {
  ...DEFAULT_MAPPING_RULES,
  customFields: [{ qb: { entity: 'item', name: 'Colour' }, b24: { entity: 'product', field: COLOUR }, direction: 'both' }],
};

function company(): { qb: QuickBooksCompany; item: string } {
  const qb = loadCompanyFile(SAMPLE_COMPANY);
  const item = qb.userAddList('ItemService', {
    Name: 'Paint job',
    SalesOrPurchase: { Desc: 'Painting per room', Price: '120.00', AccountRef: { FullName: 'Services' } },
  });
  return { qb, item };
}

const productOf = (x: Harness, listId: string): number => Number(x.portal.list('product').find((p) => s(p['XML_ID']) === `QB_${listId}`)?.['ID']);
const colourOfProduct = (x: Harness, id: number): string => s(rec(x.portal.get('product', id)?.[COLOUR])['value']);
const colourOfItem = (x: Harness, listId: string): string[] =>
  list(rec(x.qb.getRet(listId))['DataExtRet'])
    .filter((d) => s(d['OwnerID']) === '0' && s(d['DataExtName']) === 'Colour')
    .map((d) => s(d['DataExtValue']));
const qbWrites = (x: Harness): number => x.qb.requestLog.flatMap((e) => e.answers).filter((a) => /(Add|Mod|Del)Rq$/.test(a.rq)).length;

describe('item custom fields ↔ product properties', () => {
  it('a colour set in QuickBooks reaches the product, edited on the product reaches the item, and nothing loops', async () => {
    const c = company();
    h = await startImportedHarness({
      qb: c.qb,
      values: new Map([[MAPPING_RULES, rules]]),
      preparePortal: async (portal) => {
        const res = await fetch(`${portal.webhookUrl}crm.product.property.add`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ fields: { NAME: 'Colour', PROPERTY_TYPE: 'S' } }),
        });
        expect(rec(await res.json())['result']).toBe(100);
      },
    });
    const x = h;
    const product = productOf(x, c.item);
    expect(product).toBeGreaterThan(0);

    x.qb.advance(HOUR);
    x.qb.sales.defineCustomField('Colour', ['Item']);
    x.qb.sales.setCustomField(c.item, 'Colour', 'Ochre');
    expect((await x.session()).outcome).toBe('completed');
    expect(colourOfProduct(x, product)).toBe('Ochre');

    x.portal.ui.update('product', product, { [COLOUR]: 'Teal' });
    await x.portal.idle();
    await settleSessions(x, 1);
    expect(colourOfItem(x, c.item)).toEqual(['Teal']);
    // The product's own values are still the item's.
    expect(s(rec(rec(x.qb.getRet(c.item))['SalesOrPurchase'])['Desc'])).toBe('Painting per room');

    await settleSessions(x, 1);
    const qb = qbWrites(x);
    const b24 = x.portal.sentEvents.length;
    await settleSessions(x, 3);
    expect(qbWrites(x)).toBe(qb);
    expect(x.portal.sentEvents.length).toBe(b24);
    expect(colourOfProduct(x, product)).toBe('Teal');
  });
});
