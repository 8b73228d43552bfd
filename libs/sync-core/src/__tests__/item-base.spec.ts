import { buildQbxmlRequest, type ItemRet } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import { itemBaseJson, itemFieldsToClear, itemModInput, itemRetToDesired, parseItemBase } from '../index.js';

const core = {
  ListID: '80000001-1',
  EditSequence: '7',
  TimeCreated: '2024-01-01T00:00:00',
  TimeModified: '2024-01-01T00:00:00',
  Name: 'Install',
  FullName: 'Install',
  DataExtRet: [],
};
const bought = {
  ...core,
  itemType: 'Service',
  SalesAndPurchase: { SalesDesc: 'Install service', SalesPrice: '80', PurchaseDesc: 'Subcontractor', PurchaseCost: '50' },
} as unknown as ItemRet;
const sold = { ...core, itemType: 'Service', SalesOrPurchase: { Desc: 'Install service', Price: '80.00' } } as unknown as ItemRet;

describe('item base (IdMapping.baseJson)', () => {
  it('remembers the section and the agreed sales values of the Ret', () => {
    expect(parseItemBase(itemBaseJson(bought))).toEqual({
      itemType: 'Service',
      section: 'SalesAndPurchase',
      read: true,
      agreed: { name: 'Install', description: 'Install service', price: '80.00' },
    });
    expect(parseItemBase(itemBaseJson(sold))).toMatchObject({ section: 'SalesOrPurchase', read: true });
    expect(itemRetToDesired(bought)).toEqual({ name: 'Install', description: 'Install service', price: '80.00' });
  });

  it('reads rows written before (only { itemType }) as not read, with nothing agreed', () => {
    expect(parseItemBase('{"itemType":"NonInventory"}')).toEqual({ itemType: 'NonInventory', read: false });
    expect(parseItemBase(null)).toEqual({ itemType: undefined, read: false });
    expect(parseItemBase('not json')).toEqual({ itemType: undefined, read: false });
  });

  it('a re-read of an item QuickBooks changed keeps the old agreed values (not what Bitrix24 never saw)', () => {
    const old = parseItemBase('{"itemType":"Service","section":"SalesOrPurchase","read":true,"agreed":{"name":"Install","price":"70.00"}}');
    expect(parseItemBase(itemBaseJson(bought, false, old))).toEqual({
      itemType: 'Service',
      section: 'SalesAndPurchase',
      read: true,
      agreed: { name: 'Install', price: '70.00' },
    });
  });

  it('a bought-and-sold item gets SalesAndPurchaseMod with SalesDesc/SalesPrice, and the clear of a deleted description', () => {
    const base = parseItemBase(itemBaseJson(bought));
    const desired = { name: 'Install', price: '95.00' };
    const rq = itemModInput('Service', core.ListID, '7', desired, {
      requestID: 'ob-1',
      salesAndPurchase: base.section === 'SalesAndPurchase',
      clear: itemFieldsToClear(base.agreed, desired),
    });
    const xml = buildQbxmlRequest([rq]).xml;
    expect(xml).toContain('<SalesAndPurchaseMod><SalesDesc></SalesDesc><SalesPrice>95.00</SalesPrice></SalesAndPurchaseMod>');
    expect(xml).not.toContain('SalesOrPurchaseMod');
  });
});
