import { assertNever } from '../assert-never.util.js';
import { ITEM_TYPES, type ItemRet, type ItemType, type SalesAndPurchaseRet, type SalesOrPurchaseRet } from '../types/rets.type.js';
import { bool, child, children, dataExt, int, quantity, ref, requiredText, text, type XmlNode } from './xml-node.util.js';

const ITEM_RET_TO_TYPE: ReadonlyMap<string, ItemType> = new Map(ITEM_TYPES.map((t) => [`Item${t}Ret`, t] as const));

/** `ItemServiceRet` → 'Service'; undefined for anything that is not an item Ret. */
export function itemTypeOf(element: string): ItemType | undefined {
  return ITEM_RET_TO_TYPE.get(element);
}

function salesOrPurchase(n: XmlNode): SalesOrPurchaseRet | undefined {
  const s = child(n, 'SalesOrPurchase');
  if (s === undefined) return undefined;
  return { Desc: text(s, 'Desc'), Price: text(s, 'Price'), PricePercent: text(s, 'PricePercent'), AccountRef: ref(s, 'AccountRef') };
}

function salesAndPurchase(n: XmlNode): SalesAndPurchaseRet | undefined {
  const s = child(n, 'SalesAndPurchase');
  if (s === undefined) return undefined;
  return {
    SalesDesc: text(s, 'SalesDesc'),
    SalesPrice: text(s, 'SalesPrice'),
    IncomeAccountRef: ref(s, 'IncomeAccountRef'),
    PurchaseDesc: text(s, 'PurchaseDesc'),
    PurchaseCost: text(s, 'PurchaseCost'),
    PurchaseTaxCodeRef: ref(s, 'PurchaseTaxCodeRef'),
    ExpenseAccountRef: ref(s, 'ExpenseAccountRef'),
    PrefVendorRef: ref(s, 'PrefVendorRef'),
  };
}

/**
 * Maps one parsed item Ret of any of the 12 types, with `itemType` as discriminant (ItemQueryRs mixes
 * them, qbxml.md §4.3). Pure; throws QbxmlError on missing identity fields or bad values.
 */
export function parseItemRet(n: XmlNode, itemType: ItemType, path = `Item${itemType}Ret`): ItemRet {
  const Name = requiredText(n, 'Name', path);
  const base = {
    ListID: requiredText(n, 'ListID', path),
    TimeCreated: requiredText(n, 'TimeCreated', path),
    TimeModified: requiredText(n, 'TimeModified', path),
    EditSequence: requiredText(n, 'EditSequence', path),
    Name,
    FullName: text(n, 'FullName') ?? Name,
    BarCodeValue: text(n, 'BarCodeValue'),
    IsActive: bool(n, 'IsActive', path),
    ClassRef: ref(n, 'ClassRef'),
    ParentRef: ref(n, 'ParentRef'),
    Sublevel: int(n, 'Sublevel', path),
    ExternalGUID: text(n, 'ExternalGUID'),
    DataExtRet: dataExt(n, path),
  };
  switch (itemType) {
    case 'Service':
    case 'NonInventory':
    case 'OtherCharge':
      return {
        ...base,
        itemType,
        ManufacturerPartNumber: text(n, 'ManufacturerPartNumber'),
        UnitOfMeasureSetRef: ref(n, 'UnitOfMeasureSetRef'),
        IsTaxIncluded: bool(n, 'IsTaxIncluded', path),
        SalesTaxCodeRef: ref(n, 'SalesTaxCodeRef'),
        SalesOrPurchase: salesOrPurchase(n),
        SalesAndPurchase: salesAndPurchase(n),
        SpecialItemType: text(n, 'SpecialItemType'),
      };
    case 'Inventory':
    case 'InventoryAssembly':
      return {
        ...base,
        itemType,
        ManufacturerPartNumber: text(n, 'ManufacturerPartNumber'),
        UnitOfMeasureSetRef: ref(n, 'UnitOfMeasureSetRef'),
        IsTaxIncluded: bool(n, 'IsTaxIncluded', path),
        SalesTaxCodeRef: ref(n, 'SalesTaxCodeRef'),
        SalesDesc: text(n, 'SalesDesc'),
        SalesPrice: text(n, 'SalesPrice'),
        IncomeAccountRef: ref(n, 'IncomeAccountRef'),
        PurchaseDesc: text(n, 'PurchaseDesc'),
        PurchaseCost: text(n, 'PurchaseCost'),
        PurchaseTaxCodeRef: ref(n, 'PurchaseTaxCodeRef'),
        COGSAccountRef: ref(n, 'COGSAccountRef'),
        PrefVendorRef: ref(n, 'PrefVendorRef'),
        AssetAccountRef: ref(n, 'AssetAccountRef'),
        ReorderPoint: quantity(n, 'ReorderPoint', path),
        BuildPoint: quantity(n, 'BuildPoint', path),
        Max: quantity(n, 'Max', path),
        QuantityOnHand: quantity(n, 'QuantityOnHand', path),
        AverageCost: text(n, 'AverageCost'),
        QuantityOnOrder: quantity(n, 'QuantityOnOrder', path),
        QuantityOnSalesOrder: quantity(n, 'QuantityOnSalesOrder', path),
        ItemInventoryAssemblyLine: children(n, 'ItemInventoryAssemblyLine').map((l) => ({
          ItemInventoryRef: ref(l, 'ItemInventoryRef'),
          Quantity: quantity(l, 'Quantity', `${path}/ItemInventoryAssemblyLine`),
        })),
      };
    case 'Group':
      return {
        ...base,
        itemType,
        ItemDesc: text(n, 'ItemDesc'),
        IsPrintItemsInGroup: bool(n, 'IsPrintItemsInGroup', path),
        ItemGroupLine: children(n, 'ItemGroupLine').map((l) => ({
          ItemRef: ref(l, 'ItemRef'),
          Quantity: quantity(l, 'Quantity', `${path}/ItemGroupLine`),
          UnitOfMeasure: text(l, 'UnitOfMeasure'),
        })),
      };
    case 'Discount':
    case 'Payment':
    case 'SalesTax':
    case 'SalesTaxGroup':
    case 'Subtotal':
    case 'FixedAsset':
      return {
        ...base,
        itemType,
        ItemDesc: text(n, 'ItemDesc'),
        SalesTaxCodeRef: ref(n, 'SalesTaxCodeRef'),
        DiscountRate: text(n, 'DiscountRate'),
        DiscountRatePercent: text(n, 'DiscountRatePercent'),
        AccountRef: ref(n, 'AccountRef'),
        TaxRate: text(n, 'TaxRate'),
        TaxVendorRef: ref(n, 'TaxVendorRef'),
        ItemSalesTaxRef: children(n, 'ItemSalesTaxRef').map((r) => ({ ListID: text(r, 'ListID'), FullName: text(r, 'FullName') })),
        DepositToAccountRef: ref(n, 'DepositToAccountRef'),
        PaymentMethodRef: ref(n, 'PaymentMethodRef'),
        PurchaseDesc: text(n, 'PurchaseDesc'),
        PurchaseCost: text(n, 'PurchaseCost'),
        AssetAccountRef: ref(n, 'AssetAccountRef'),
      };
    default:
      return assertNever(itemType);
  }
}
