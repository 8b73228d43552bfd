import { assertNever, type ItemRet } from '@qb-b24/qbxml';
import type { B24ProductDesired } from '../b24-desired.type.js';
import type { MappingOptions } from '../mapping-options.constant.js';
import { normalizeMoney } from '../util/decimal.util.js';
import { clean } from '../util/text.util.js';

/** XML_ID carried by every product we create, so a lost mapping can be rebuilt (INTERFACE.md). Pure. */
export function productXmlId(itemListId: string): string {
  return `QB_${itemListId}`;
}

/** The sales description and sales price of any item type (undefined when the type has none). Pure. */
export function itemSalesInfo(i: ItemRet): { readonly desc?: string; readonly price?: string } {
  switch (i.itemType) {
    case 'Service':
    case 'NonInventory':
    case 'OtherCharge':
      if (i.SalesAndPurchase !== undefined) return { desc: i.SalesAndPurchase.SalesDesc, price: i.SalesAndPurchase.SalesPrice };
      // PricePercent items (a percentage charge) have no unit price.
      return { desc: i.SalesOrPurchase?.Desc, price: i.SalesOrPurchase?.Price };
    case 'Inventory':
    case 'InventoryAssembly':
      return { desc: i.SalesDesc, price: i.SalesPrice };
    case 'Group':
      return { desc: i.ItemDesc };
    case 'Discount':
      // DiscountRate is an amount off; DiscountRatePercent is not a price.
      return { desc: i.ItemDesc, price: i.DiscountRate };
    case 'FixedAsset':
      return { desc: i.ItemDesc ?? i.PurchaseDesc };
    case 'Payment':
    case 'SalesTax':
    case 'SalesTaxGroup':
    case 'Subtotal':
      return { desc: i.ItemDesc };
    default:
      return assertNever(i);
  }
}

/**
 * Any QuickBooks item as a Bitrix24 product: XML_ID `QB_{ListID}`, NAME (the leaf Name), DESCRIPTION,
 * PRICE with 2 decimals ("0.00" when the item has no unit price), ACTIVE from IsActive. Pure.
 */
export function itemToProduct(i: ItemRet, o: MappingOptions): B24ProductDesired {
  const info = itemSalesInfo(i);
  return {
    XML_ID: productXmlId(i.ListID),
    NAME: clean(i.Name),
    DESCRIPTION: (info.desc ?? '').trim(),
    PRICE: normalizeMoney(info.price) ?? '0.00',
    CURRENCY_ID: o.currencyId,
    ACTIVE: i.IsActive === false ? 'N' : 'Y',
  };
}
