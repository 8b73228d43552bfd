import type {
  ActiveStatus, AddressInput, Cents, DateInput, DateTimeInput, DecimalInput, IteratorInput, MatchCriterion, NameFilterInput, RefInput,
} from './request-common.type.js';

interface RqBase {
  /** Echoed on the response; ≤ 50 characters (status 1060). Use the outbox id. */
  readonly requestID: string;
}

/** List query selection: ListID+ | FullName+ | filters (exactly one family, qbxml.md §5.1). */
export type ListQuerySelection = {
  readonly ListID?: readonly string[];
  readonly FullName?: readonly string[];
  readonly MaxReturned?: number;
  readonly ActiveStatus?: ActiveStatus;
  readonly FromModifiedDate?: DateTimeInput;
  readonly ToModifiedDate?: DateTimeInput;
  readonly NameFilter?: NameFilterInput['NameFilter'];
  readonly NameRangeFilter?: NameFilterInput['NameRangeFilter'];
  readonly IncludeRetElement?: readonly string[];
  /** "0" (the UI's custom fields) or an application GUID; returns DataExtRet. */
  readonly OwnerID?: readonly string[];
  readonly iterator?: IteratorInput;
};

export type CustomerQueryRq = RqBase & ListQuerySelection & { readonly kind: 'CustomerQuery' };
export type VendorQueryRq = RqBase & ListQuerySelection & { readonly kind: 'VendorQuery' };
/** ItemQuery returns every item type (ItemServiceRet, ItemInventoryRet, …). */
export type ItemQueryRq = RqBase & ListQuerySelection & { readonly kind: 'ItemQuery' };

/** Transaction query selection: TxnID+ | RefNumber+ | filters (qbxml.md §5.2). */
export type TxnQuerySelection = {
  readonly TxnID?: readonly string[];
  readonly RefNumber?: readonly string[];
  readonly MaxReturned?: number;
  /** Transactions only filter on modification inside ModifiedDateRangeFilter ([VAL] invfilter.xml). */
  readonly ModifiedDateRangeFilter?: { readonly FromModifiedDate?: DateTimeInput; readonly ToModifiedDate?: DateTimeInput };
  readonly TxnDateRangeFilter?: { readonly FromTxnDate?: DateInput; readonly ToTxnDate?: DateInput };
  readonly EntityFilter?: { readonly ListID: readonly string[] } | { readonly FullName: readonly string[] } | { readonly ListIDWithChildren: string } | { readonly FullNameWithChildren: string };
  readonly RefNumberFilter?: { readonly MatchCriterion: MatchCriterion; readonly RefNumber: string };
  readonly IncludeLineItems?: boolean;
  readonly IncludeLinkedTxns?: boolean;
  readonly IncludeRetElement?: readonly string[];
  readonly OwnerID?: readonly string[];
  readonly iterator?: IteratorInput;
};

export type InvoiceQueryRq = RqBase & TxnQuerySelection & { readonly kind: 'InvoiceQuery'; readonly PaidStatus?: 'All' | 'PaidOnly' | 'NotPaidOnly' };
export type EstimateQueryRq = RqBase & TxnQuerySelection & { readonly kind: 'EstimateQuery' };

export const LIST_DEL_TYPES = ['Customer', 'Vendor', 'ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemInventoryAssembly', 'ItemOtherCharge', 'ItemDiscount', 'ItemFixedAsset', 'ItemGroup', 'ItemPayment', 'ItemSalesTax', 'ItemSalesTaxGroup', 'ItemSubtotal', 'Account', 'Class', 'Employee', 'OtherName'] as const;
export type ListDelType = (typeof LIST_DEL_TYPES)[number];
export const TXN_DEL_TYPES = ['Invoice', 'Estimate', 'SalesOrder', 'SalesReceipt', 'ReceivePayment', 'CreditMemo', 'Bill', 'PurchaseOrder'] as const;
export type TxnDelType = (typeof TXN_DEL_TYPES)[number];

/** ListDeletedQuery: no iterator allowed (schema rejects it, qbxml.md §5.3). */
export type ListDeletedQueryRq = RqBase & {
  readonly kind: 'ListDeletedQuery';
  readonly ListDelType: readonly ListDelType[];
  readonly FromDeletedDate?: DateTimeInput;
  readonly ToDeletedDate?: DateTimeInput;
};
export type TxnDeletedQueryRq = RqBase & {
  readonly kind: 'TxnDeletedQuery';
  readonly TxnDelType: readonly TxnDelType[];
  readonly FromDeletedDate?: DateTimeInput;
  readonly ToDeletedDate?: DateTimeInput;
};

export type JobStatus = 'Awarded' | 'Closed' | 'InProgress' | 'None' | 'NotAwarded' | 'Pending';

/** Fields shared by CustomerAdd and CustomerMod, XSD order (qbxml.md §4.1). */
export type CustomerFields = {
  readonly IsActive?: boolean;
  readonly ClassRef?: RefInput;
  readonly ParentRef?: RefInput;
  readonly CompanyName?: string;
  readonly Salutation?: string;
  readonly FirstName?: string;
  readonly MiddleName?: string;
  readonly LastName?: string;
  readonly JobTitle?: string;
  readonly BillAddress?: AddressInput;
  readonly ShipAddress?: AddressInput;
  readonly PrintAs?: string;
  readonly Phone?: string;
  readonly Mobile?: string;
  readonly Pager?: string;
  readonly AltPhone?: string;
  readonly Fax?: string;
  readonly Email?: string;
  readonly Cc?: string;
  readonly Contact?: string;
  readonly AltContact?: string;
  readonly CustomerTypeRef?: RefInput;
  readonly TermsRef?: RefInput;
  readonly SalesRepRef?: RefInput;
  readonly SalesTaxCodeRef?: RefInput;
  readonly ItemSalesTaxRef?: RefInput;
  readonly ResaleNumber?: string;
  readonly AccountNumber?: string;
  readonly CreditLimit?: Cents;
  readonly JobStatus?: JobStatus;
  readonly JobStartDate?: DateInput;
  readonly JobProjectedEndDate?: DateInput;
  readonly JobEndDate?: DateInput;
  readonly JobDesc?: string;
  readonly JobTypeRef?: RefInput;
  readonly Notes?: string;
  readonly PriceLevelRef?: RefInput;
  readonly TaxRegistrationNumber?: string;
  readonly CurrencyRef?: RefInput;
};

export type CustomerAdd = CustomerFields & {
  readonly Name: string;
  readonly OpenBalance?: Cents;
  readonly OpenBalanceDate?: DateInput;
  readonly ExternalGUID?: string;
};
export type CustomerMod = CustomerFields & { readonly ListID: string; readonly EditSequence: string; readonly Name?: string };

export type CustomerAddRq = RqBase & { readonly kind: 'CustomerAdd'; readonly CustomerAdd: CustomerAdd };
export type CustomerModRq = RqBase & { readonly kind: 'CustomerMod'; readonly CustomerMod: CustomerMod };

/** Fields shared by VendorAdd and VendorMod, XSD order (qbxml.md §4.2). */
export type VendorFields = {
  readonly IsActive?: boolean;
  readonly ClassRef?: RefInput;
  readonly CompanyName?: string;
  readonly Salutation?: string;
  readonly FirstName?: string;
  readonly MiddleName?: string;
  readonly LastName?: string;
  readonly JobTitle?: string;
  readonly VendorAddress?: AddressInput;
  readonly ShipAddress?: AddressInput;
  readonly Phone?: string;
  readonly Mobile?: string;
  readonly Pager?: string;
  readonly AltPhone?: string;
  readonly Fax?: string;
  readonly Email?: string;
  readonly Cc?: string;
  readonly Contact?: string;
  readonly AltContact?: string;
  readonly NameOnCheck?: string;
  readonly AccountNumber?: string;
  readonly Notes?: string;
  readonly VendorTypeRef?: RefInput;
  readonly TermsRef?: RefInput;
  readonly CreditLimit?: Cents;
  readonly VendorTaxIdent?: string;
  readonly IsVendorEligibleFor1099?: boolean;
  readonly SalesTaxCodeRef?: RefInput;
  readonly TaxRegistrationNumber?: string;
  readonly CurrencyRef?: RefInput;
};
export type VendorAdd = VendorFields & {
  readonly Name: string;
  readonly OpenBalance?: Cents;
  readonly OpenBalanceDate?: DateInput;
  readonly ExternalGUID?: string;
};
export type VendorMod = VendorFields & { readonly ListID: string; readonly EditSequence: string; readonly Name?: string };
export type VendorAddRq = RqBase & { readonly kind: 'VendorAdd'; readonly VendorAdd: VendorAdd };
export type VendorModRq = RqBase & { readonly kind: 'VendorMod'; readonly VendorMod: VendorMod };

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
  readonly Desc?: string;
  readonly Price?: DecimalInput;
  readonly PricePercent?: DecimalInput;
  readonly AccountRef?: RefInput;
  readonly ApplyAccountRefToExistingTxns?: boolean;
};
export type SalesAndPurchaseModInput = {
  readonly SalesDesc?: string;
  readonly SalesPrice?: DecimalInput;
  readonly IncomeAccountRef?: RefInput;
  readonly ApplyIncomeAccountRefToExistingTxns?: boolean;
  readonly PurchaseDesc?: string;
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
export type ItemNonInventoryMod = ItemCommonMod & SalesModChoice & { readonly ManufacturerPartNumber?: string };

type ItemInventoryCommon = {
  readonly ManufacturerPartNumber?: string;
  readonly SalesDesc?: string;
  readonly SalesPrice?: DecimalInput;
  readonly PurchaseDesc?: string;
  readonly PurchaseCost?: DecimalInput;
  readonly PurchaseTaxCodeRef?: RefInput;
  readonly PrefVendorRef?: RefInput;
  readonly ReorderPoint?: DecimalInput;
  readonly Max?: DecimalInput;
};
/** ItemInventoryAdd: the three accounts are required by QuickBooks for inventory parts (qbxml.md §4.3). */
export type ItemInventoryAdd = ItemCommonAdd & ItemInventoryCommon & {
  readonly IncomeAccountRef: RefInput;
  readonly COGSAccountRef: RefInput;
  readonly AssetAccountRef: RefInput;
  readonly QuantityOnHand?: DecimalInput;
  readonly TotalValue?: Cents;
  readonly InventoryDate?: DateInput;
};
/** ItemInventoryMod: no QuantityOnHand (quantities change through transactions, qbxml.md §4.3). */
export type ItemInventoryMod = ItemCommonMod & ItemInventoryCommon & {
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

/** Every request this library can build, discriminated by `kind`. */
export type QbxmlRequest =
  | CustomerQueryRq | VendorQueryRq | ItemQueryRq | InvoiceQueryRq | EstimateQueryRq
  | ListDeletedQueryRq | TxnDeletedQueryRq
  | CustomerAddRq | CustomerModRq | VendorAddRq | VendorModRq
  | ItemServiceAddRq | ItemServiceModRq | ItemNonInventoryAddRq | ItemNonInventoryModRq | ItemInventoryAddRq | ItemInventoryModRq;

export type QbxmlRequestKind = QbxmlRequest['kind'];
