import type { Cents, DateInput, DecimalInput, ModText, RefInput } from './request-common.type.js';

/** Echoed on the response; ≤ 50 characters (as every request, requests.type.ts). */
interface RqBase {
  readonly requestID: string;
}

/** SalesOrPurchase for item adds; AccountRef is what QuickBooks needs in practice (else 3140/validation). */
export type SalesOrPurchaseInput = {
  readonly Desc?: string;
  readonly Price?: DecimalInput;
  readonly PricePercent?: DecimalInput;
  readonly AccountRef: RefInput;
};
/** SalesAndPurchase (items bought and sold); both accounts are needed for an add. */
export type SalesAndPurchaseInput = {
  readonly SalesDesc?: string;
  readonly SalesPrice?: DecimalInput;
  readonly IncomeAccountRef: RefInput;
  readonly PurchaseDesc?: string;
  readonly PurchaseCost?: DecimalInput;
  readonly PurchaseTaxCodeRef?: RefInput;
  readonly ExpenseAccountRef: RefInput;
  readonly PrefVendorRef?: RefInput;
};
export type SalesOrPurchaseModInput = {
  /** CLEAR empties the description */
  readonly Desc?: ModText;
  readonly Price?: DecimalInput;
  readonly PricePercent?: DecimalInput;
  readonly AccountRef?: RefInput;
  readonly ApplyAccountRefToExistingTxns?: boolean;
};
export type SalesAndPurchaseModInput = {
  /** CLEAR empties the description (also PurchaseDesc) */
  readonly SalesDesc?: ModText;
  readonly SalesPrice?: DecimalInput;
  readonly IncomeAccountRef?: RefInput;
  readonly ApplyIncomeAccountRefToExistingTxns?: boolean;
  readonly PurchaseDesc?: ModText;
  readonly PurchaseCost?: DecimalInput;
  readonly PurchaseTaxCodeRef?: RefInput;
  readonly ExpenseAccountRef?: RefInput;
  readonly ApplyExpenseAccountRefToExistingTxns?: boolean;
  readonly PrefVendorRef?: RefInput;
};

/** Exactly one of the two sales/purchase aggregates (an XSD choice, required in adds). */
export type SalesChoice =
  | { readonly SalesOrPurchase: SalesOrPurchaseInput; readonly SalesAndPurchase?: undefined }
  | { readonly SalesAndPurchase: SalesAndPurchaseInput; readonly SalesOrPurchase?: undefined };
export type SalesModChoice =
  | { readonly SalesOrPurchaseMod?: SalesOrPurchaseModInput; readonly SalesAndPurchaseMod?: undefined }
  | { readonly SalesAndPurchaseMod: SalesAndPurchaseModInput; readonly SalesOrPurchaseMod?: undefined };

type ItemCommonAdd = {
  readonly Name: string;
  readonly IsActive?: boolean;
  readonly ClassRef?: RefInput;
  readonly ParentRef?: RefInput;
  readonly UnitOfMeasureSetRef?: RefInput;
  readonly IsTaxIncluded?: boolean;
  readonly SalesTaxCodeRef?: RefInput;
  readonly ExternalGUID?: string;
};
type ItemCommonMod = {
  readonly ListID: string;
  readonly EditSequence: string;
  readonly Name?: string;
  readonly IsActive?: boolean;
  readonly ClassRef?: RefInput;
  readonly ParentRef?: RefInput;
  readonly UnitOfMeasureSetRef?: RefInput;
  readonly ForceUOMChange?: boolean;
  readonly IsTaxIncluded?: boolean;
  readonly SalesTaxCodeRef?: RefInput;
};

export type ItemServiceAdd = ItemCommonAdd & SalesChoice;
export type ItemServiceMod = ItemCommonMod & SalesModChoice;
export type ItemNonInventoryAdd = ItemCommonAdd & SalesChoice & { readonly ManufacturerPartNumber?: string };
export type ItemNonInventoryMod = ItemCommonMod & SalesModChoice & { readonly ManufacturerPartNumber?: ModText };

type ItemInventoryCommon<Text extends ModText = string> = {
  readonly ManufacturerPartNumber?: Text;
  readonly SalesDesc?: Text;
  readonly SalesPrice?: DecimalInput;
  readonly PurchaseDesc?: Text;
  readonly PurchaseCost?: DecimalInput;
  readonly PurchaseTaxCodeRef?: RefInput;
  readonly PrefVendorRef?: RefInput;
  readonly ReorderPoint?: DecimalInput;
  readonly Max?: DecimalInput;
};
/** ItemInventoryAdd: the three accounts are required by QuickBooks for inventory parts (qbxml.md §4.3). */
export type ItemInventoryAdd = ItemCommonAdd &
  ItemInventoryCommon & {
    readonly IncomeAccountRef: RefInput;
    readonly COGSAccountRef: RefInput;
    readonly AssetAccountRef: RefInput;
    readonly QuantityOnHand?: DecimalInput;
    readonly TotalValue?: Cents;
    readonly InventoryDate?: DateInput;
  };
/** ItemInventoryMod: no QuantityOnHand (quantities change through transactions, qbxml.md §4.3); text fields take CLEAR. */
export type ItemInventoryMod = ItemCommonMod &
  ItemInventoryCommon<ModText> & {
    readonly IncomeAccountRef?: RefInput;
    readonly ApplyIncomeAccountRefToExistingTxns?: boolean;
    readonly COGSAccountRef?: RefInput;
    readonly ApplyCOGSAccountRefToExistingTxns?: boolean;
    readonly AssetAccountRef?: RefInput;
  };

export type ItemServiceAddRq = RqBase & { readonly kind: 'ItemServiceAdd'; readonly ItemServiceAdd: ItemServiceAdd };
export type ItemServiceModRq = RqBase & { readonly kind: 'ItemServiceMod'; readonly ItemServiceMod: ItemServiceMod };
export type ItemNonInventoryAddRq = RqBase & { readonly kind: 'ItemNonInventoryAdd'; readonly ItemNonInventoryAdd: ItemNonInventoryAdd };
export type ItemNonInventoryModRq = RqBase & { readonly kind: 'ItemNonInventoryMod'; readonly ItemNonInventoryMod: ItemNonInventoryMod };
export type ItemInventoryAddRq = RqBase & { readonly kind: 'ItemInventoryAdd'; readonly ItemInventoryAdd: ItemInventoryAdd };
export type ItemInventoryModRq = RqBase & { readonly kind: 'ItemInventoryMod'; readonly ItemInventoryMod: ItemInventoryMod };
