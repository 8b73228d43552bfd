import type { DataExtRet, ListCoreRet, RefRet } from './rets.type.js';

export interface SalesOrPurchaseRet {
  readonly Desc?: string;
  readonly Price?: string;
  readonly PricePercent?: string;
  readonly AccountRef?: RefRet;
}

export interface SalesAndPurchaseRet {
  readonly SalesDesc?: string;
  readonly SalesPrice?: string;
  readonly IncomeAccountRef?: RefRet;
  readonly PurchaseDesc?: string;
  readonly PurchaseCost?: string;
  readonly PurchaseTaxCodeRef?: RefRet;
  readonly ExpenseAccountRef?: RefRet;
  readonly PrefVendorRef?: RefRet;
}

export const ITEM_TYPES = [
  'Service',
  'NonInventory',
  'OtherCharge',
  'Inventory',
  'InventoryAssembly',
  'FixedAsset',
  'Subtotal',
  'Discount',
  'Payment',
  'SalesTax',
  'SalesTaxGroup',
  'Group',
] as const;
/** `ItemServiceRet` → 'Service', etc. */
export type ItemType = (typeof ITEM_TYPES)[number];

interface ItemRetBase extends ListCoreRet {
  readonly Name: string;
  /** hierarchical "Parent:Child" name; equals Name for types without hierarchy */
  readonly FullName: string;
  readonly BarCodeValue?: string;
  readonly IsActive?: boolean;
  readonly ClassRef?: RefRet;
  readonly ParentRef?: RefRet;
  readonly Sublevel?: number;
  readonly ExternalGUID?: string;
  readonly DataExtRet: readonly DataExtRet[];
}

/** Service, NonInventory and OtherCharge items: one of the two sales/purchase aggregates. */
export interface ItemSalesRet extends ItemRetBase {
  readonly itemType: 'Service' | 'NonInventory' | 'OtherCharge';
  readonly ManufacturerPartNumber?: string;
  readonly UnitOfMeasureSetRef?: RefRet;
  readonly IsTaxIncluded?: boolean;
  readonly SalesTaxCodeRef?: RefRet;
  readonly SalesOrPurchase?: SalesOrPurchaseRet;
  readonly SalesAndPurchase?: SalesAndPurchaseRet;
  readonly SpecialItemType?: string;
}

/** Inventory parts and assemblies: flat sales/purchase fields and stock figures. */
export interface ItemInventoryRet extends ItemRetBase {
  readonly itemType: 'Inventory' | 'InventoryAssembly';
  readonly ManufacturerPartNumber?: string;
  readonly UnitOfMeasureSetRef?: RefRet;
  readonly IsTaxIncluded?: boolean;
  readonly SalesTaxCodeRef?: RefRet;
  readonly SalesDesc?: string;
  readonly SalesPrice?: string;
  readonly IncomeAccountRef?: RefRet;
  readonly PurchaseDesc?: string;
  readonly PurchaseCost?: string;
  readonly PurchaseTaxCodeRef?: RefRet;
  readonly COGSAccountRef?: RefRet;
  readonly PrefVendorRef?: RefRet;
  readonly AssetAccountRef?: RefRet;
  readonly ReorderPoint?: number;
  readonly BuildPoint?: number;
  readonly Max?: number;
  readonly QuantityOnHand?: number;
  readonly AverageCost?: string;
  readonly QuantityOnOrder?: number;
  readonly QuantityOnSalesOrder?: number;
  readonly ItemInventoryAssemblyLine: readonly { readonly ItemInventoryRef?: RefRet; readonly Quantity?: number }[];
}

export interface ItemGroupRet extends ItemRetBase {
  readonly itemType: 'Group';
  readonly ItemDesc?: string;
  readonly IsPrintItemsInGroup?: boolean;
  readonly ItemGroupLine: readonly { readonly ItemRef?: RefRet; readonly Quantity?: number; readonly UnitOfMeasure?: string }[];
}

/** Discount, Payment, SalesTax, SalesTaxGroup, Subtotal and FixedAsset items: what a sync reads of them. */
export interface ItemOtherRet extends ItemRetBase {
  readonly itemType: 'Discount' | 'Payment' | 'SalesTax' | 'SalesTaxGroup' | 'Subtotal' | 'FixedAsset';
  readonly ItemDesc?: string;
  readonly SalesTaxCodeRef?: RefRet;
  /** Discount: DiscountRate or DiscountRatePercent as printed */
  readonly DiscountRate?: string;
  readonly DiscountRatePercent?: string;
  readonly AccountRef?: RefRet;
  /** SalesTax: percent as printed */
  readonly TaxRate?: string;
  readonly TaxVendorRef?: RefRet;
  readonly ItemSalesTaxRef: readonly RefRet[];
  readonly DepositToAccountRef?: RefRet;
  readonly PaymentMethodRef?: RefRet;
  /** FixedAsset */
  readonly PurchaseDesc?: string;
  readonly PurchaseCost?: string;
  readonly AssetAccountRef?: RefRet;
}

export type ItemRet = ItemSalesRet | ItemInventoryRet | ItemGroupRet | ItemOtherRet;
