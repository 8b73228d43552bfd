import type { ItemRet } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS as O, itemToProduct } from '../index.js';

const core = {
  ListID: '80000001-1234567890',
  TimeCreated: '2024-01-01T10:00:00-08:00',
  TimeModified: '2024-01-01T10:00:00-08:00',
  EditSequence: '1234567890',
  DataExtRet: [],
};
const named = (Name: string) => ({ ...core, Name, FullName: Name });
const other = { ItemSalesTaxRef: [] };

const cases: readonly [string, ItemRet, string, string][] = [
  [
    'Service with SalesOrPurchase',
    { ...named('Consulting'), itemType: 'Service', SalesOrPurchase: { Desc: 'Hourly consulting', Price: '125', AccountRef: { FullName: 'Income' } } },
    'Hourly consulting',
    '125.00',
  ],
  [
    'Service with SalesAndPurchase',
    { ...named('Subcontract'), itemType: 'Service', SalesAndPurchase: { SalesDesc: 'Sub work', SalesPrice: '80.5', PurchaseCost: '50' } },
    'Sub work',
    '80.50',
  ],
  ['Service with a percent price', { ...named('Fee'), itemType: 'Service', SalesOrPurchase: { PricePercent: '10' } }, '', '0.00'],
  ['NonInventory', { ...named('Gloves'), itemType: 'NonInventory', SalesOrPurchase: { Desc: 'Work gloves', Price: '9.99' } }, 'Work gloves', '9.99'],
  ['OtherCharge', { ...named('Delivery'), itemType: 'OtherCharge', SalesOrPurchase: { Desc: 'Delivery fee', Price: '15' } }, 'Delivery fee', '15.00'],
  [
    'Inventory',
    { ...named('Cabinet'), itemType: 'Inventory', SalesDesc: 'Oak cabinet', SalesPrice: '1299.95', ItemInventoryAssemblyLine: [] },
    'Oak cabinet',
    '1299.95',
  ],
  [
    'InventoryAssembly',
    { ...named('Kit'), itemType: 'InventoryAssembly', SalesDesc: 'Door kit', SalesPrice: '300', ItemInventoryAssemblyLine: [] },
    'Door kit',
    '300.00',
  ],
  ['Group', { ...named('Bundle'), itemType: 'Group', ItemDesc: 'Kitchen bundle', ItemGroupLine: [] }, 'Kitchen bundle', '0.00'],
  ['Discount (amount)', { ...named('Loyal'), itemType: 'Discount', ItemDesc: 'Loyalty discount', DiscountRate: '-10', ...other }, 'Loyalty discount', '-10.00'],
  ['Discount (percent)', { ...named('Promo'), itemType: 'Discount', DiscountRatePercent: '5', ...other }, '', '0.00'],
  ['Payment', { ...named('Deposit'), itemType: 'Payment', ItemDesc: 'Deposit received', ...other }, 'Deposit received', '0.00'],
  ['SalesTax', { ...named('CA Tax'), itemType: 'SalesTax', ItemDesc: 'California', TaxRate: '7.25', ...other }, 'California', '0.00'],
  ['SalesTaxGroup', { ...named('Bay Area'), itemType: 'SalesTaxGroup', ...other }, '', '0.00'],
  ['Subtotal', { ...named('Subtotal'), itemType: 'Subtotal', ItemDesc: 'Subtotal', ...other }, 'Subtotal', '0.00'],
  ['FixedAsset', { ...named('Truck'), itemType: 'FixedAsset', PurchaseDesc: 'Ford F-150', PurchaseCost: '30000', ...other }, 'Ford F-150', '0.00'],
];

describe('itemToProduct', () => {
  it.each(cases)('maps a %s item with XML_ID QB_{ListID}, description and 2-decimal price', (_t, item, desc, price) => {
    expect(itemToProduct(item, O)).toEqual({
      XML_ID: 'QB_80000001-1234567890',
      NAME: item.Name,
      DESCRIPTION: desc,
      PRICE: price,
      CURRENCY_ID: 'USD',
      ACTIVE: 'Y',
    });
  });

  it('covers every QuickBooks item type', () => {
    expect(new Set(cases.map(([, i]) => i.itemType)).size).toBe(12);
  });

  it('maps IsActive false to ACTIVE N', () => {
    expect(itemToProduct({ ...named('Old'), itemType: 'Service', IsActive: false }, O).ACTIVE).toBe('N');
  });

  it('rounds a 5-decimal QuickBooks price to cents half-up', () => {
    expect(itemToProduct({ ...named('Bolt'), itemType: 'NonInventory', SalesOrPurchase: { Price: '0.12345' } }, O).PRICE).toBe('0.12');
    expect(itemToProduct({ ...named('Nut'), itemType: 'NonInventory', SalesOrPurchase: { Price: '0.125' } }, O).PRICE).toBe('0.13');
  });

  it('uses the leaf Name of a sub-item, not "Parent:Child"', () => {
    const sub = { ...core, Name: 'Hinge', FullName: 'Hardware:Hinge', Sublevel: 1, itemType: 'Inventory' as const, ItemInventoryAssemblyLine: [] };
    expect(itemToProduct(sub, O).NAME).toBe('Hinge');
  });
});
