import type { DataExtAddRq, DataExtDelRq, DataExtModRq } from './data-ext-requests.type.js';
import type {
  ActiveStatus,
  AddressInput,
  AddressModInput,
  ModText,
  Cents,
  DateInput,
  DateTimeInput,
  DecimalInput,
  IteratorInput,
  MatchCriterion,
  NameFilterInput,
  RefInput,
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
  readonly EntityFilter?:
    | { readonly ListID: readonly string[] }
    | { readonly FullName: readonly string[] }
    | { readonly ListIDWithChildren: string }
    | { readonly FullNameWithChildren: string };
  readonly RefNumberFilter?: { readonly MatchCriterion: MatchCriterion; readonly RefNumber: string };
  readonly IncludeLineItems?: boolean;
  readonly IncludeLinkedTxns?: boolean;
  readonly IncludeRetElement?: readonly string[];
  readonly OwnerID?: readonly string[];
  readonly iterator?: IteratorInput;
};

export type InvoiceQueryRq = RqBase & TxnQuerySelection & { readonly kind: 'InvoiceQuery'; readonly PaidStatus?: 'All' | 'PaidOnly' | 'NotPaidOnly' };
export type EstimateQueryRq = RqBase & TxnQuerySelection & { readonly kind: 'EstimateQuery' };
/** SalesReceiptQuery has no IncludeLinkedTxns (the XSD refuses it, qbxml.md §5.5): a sales receipt links nothing. */
export type SalesReceiptQueryRq = RqBase & Omit<TxnQuerySelection, 'IncludeLinkedTxns'> & { readonly kind: 'SalesReceiptQuery' };
export type CreditMemoQueryRq = RqBase & TxnQuerySelection & { readonly kind: 'CreditMemoQuery' };
/** SalesOrderQuery: InvoiceQuery minus AccountFilter and PaidStatus, with IncludeLinkedTxns (qbxml.md §4.9, §5.5). */
export type SalesOrderQueryRq = RqBase & TxnQuerySelection & { readonly kind: 'SalesOrderQuery' };
/** No PaidStatus and no IncludeLinkedTxns: the schema refuses both on ReceivePaymentQuery (qbxml.md §5.5, §9). */
export type ReceivePaymentQueryRq = RqBase & Omit<TxnQuerySelection, 'IncludeLinkedTxns'> & { readonly kind: 'ReceivePaymentQuery' };

export const LIST_DEL_TYPES = [
  'Customer',
  'Vendor',
  'ItemService',
  'ItemNonInventory',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemOtherCharge',
  'ItemDiscount',
  'ItemFixedAsset',
  'ItemGroup',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
  'ItemSubtotal',
  'Account',
  'Class',
  'Employee',
  'OtherName',
] as const;
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

/**
 * Fields shared by CustomerAdd and CustomerMod, XSD order (qbxml.md §4.1). In a Mod (`CustomerModFields`)
 * optional text fields and address lines also take CLEAR.
 */
export type CustomerFields<Text extends ModText = string, Address extends AddressModInput = AddressInput> = {
  readonly IsActive?: boolean;
  readonly ClassRef?: RefInput;
  readonly ParentRef?: RefInput;
  readonly CompanyName?: Text;
  readonly Salutation?: Text;
  readonly FirstName?: Text;
  readonly MiddleName?: Text;
  readonly LastName?: Text;
  readonly JobTitle?: Text;
  readonly BillAddress?: Address;
  readonly ShipAddress?: Address;
  readonly PrintAs?: Text;
  readonly Phone?: Text;
  readonly Mobile?: Text;
  readonly Pager?: Text;
  readonly AltPhone?: Text;
  readonly Fax?: Text;
  readonly Email?: Text;
  readonly Cc?: Text;
  readonly Contact?: Text;
  readonly AltContact?: Text;
  readonly CustomerTypeRef?: RefInput;
  readonly TermsRef?: RefInput;
  readonly SalesRepRef?: RefInput;
  readonly SalesTaxCodeRef?: RefInput;
  readonly ItemSalesTaxRef?: RefInput;
  readonly ResaleNumber?: Text;
  readonly AccountNumber?: Text;
  readonly CreditLimit?: Cents;
  readonly JobStatus?: JobStatus;
  readonly JobStartDate?: DateInput;
  readonly JobProjectedEndDate?: DateInput;
  readonly JobEndDate?: DateInput;
  readonly JobDesc?: Text;
  readonly JobTypeRef?: RefInput;
  readonly Notes?: Text;
  readonly PriceLevelRef?: RefInput;
  readonly TaxRegistrationNumber?: Text;
  readonly CurrencyRef?: RefInput;
};

export type CustomerAdd = CustomerFields & {
  readonly Name: string;
  readonly OpenBalance?: Cents;
  readonly OpenBalanceDate?: DateInput;
  readonly ExternalGUID?: string;
};
export type CustomerModFields = CustomerFields<ModText, AddressModInput>;
export type CustomerMod = CustomerModFields & { readonly ListID: string; readonly EditSequence: string; readonly Name?: string };

export type CustomerAddRq = RqBase & { readonly kind: 'CustomerAdd'; readonly CustomerAdd: CustomerAdd };
export type CustomerModRq = RqBase & { readonly kind: 'CustomerMod'; readonly CustomerMod: CustomerMod };

/** Fields shared by VendorAdd and VendorMod, XSD order (qbxml.md §4.2); `VendorModFields` also take CLEAR. */
export type VendorFields<Text extends ModText = string, Address extends AddressModInput = AddressInput> = {
  readonly IsActive?: boolean;
  readonly ClassRef?: RefInput;
  readonly CompanyName?: Text;
  readonly Salutation?: Text;
  readonly FirstName?: Text;
  readonly MiddleName?: Text;
  readonly LastName?: Text;
  readonly JobTitle?: Text;
  readonly VendorAddress?: Address;
  readonly ShipAddress?: Address;
  readonly Phone?: Text;
  readonly Mobile?: Text;
  readonly Pager?: Text;
  readonly AltPhone?: Text;
  readonly Fax?: Text;
  readonly Email?: Text;
  readonly Cc?: Text;
  readonly Contact?: Text;
  readonly AltContact?: Text;
  readonly NameOnCheck?: Text;
  readonly AccountNumber?: Text;
  readonly Notes?: Text;
  readonly VendorTypeRef?: RefInput;
  readonly TermsRef?: RefInput;
  readonly CreditLimit?: Cents;
  readonly VendorTaxIdent?: Text;
  readonly IsVendorEligibleFor1099?: boolean;
  readonly SalesTaxCodeRef?: RefInput;
  readonly TaxRegistrationNumber?: Text;
  readonly CurrencyRef?: RefInput;
};
export type VendorAdd = VendorFields & {
  readonly Name: string;
  readonly OpenBalance?: Cents;
  readonly OpenBalanceDate?: DateInput;
  readonly ExternalGUID?: string;
};
export type VendorModFields = VendorFields<ModText, AddressModInput>;
export type VendorMod = VendorModFields & { readonly ListID: string; readonly EditSequence: string; readonly Name?: string };
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

/** One line of a sales document add: an item with quantity and rate (qbxml.md §4.4 InvoiceLineAdd, §4.9). */
export type SalesLineAdd = {
  readonly ItemRef: RefInput;
  readonly Desc?: string;
  readonly Quantity?: DecimalInput;
  readonly Rate?: DecimalInput;
};
/** The fields of SalesOrderAdd / InvoiceAdd this connector sends, in XSD order (qbxml.md §4.4, §4.9). */
export type SalesDocAdd = {
  readonly CustomerRef: RefInput;
  readonly TxnDate?: DateInput;
  /** ≤ 11 characters; the connector's lookup key for a write whose answer was lost */
  readonly RefNumber?: string;
  readonly Memo?: string;
  readonly lines: readonly SalesLineAdd[];
};
/**
 * SalesOrderMod / InvoiceMod as this connector sends them: the same fields plus TxnID and the current EditSequence.
 * The lines are sent whole, each as a new line (TxnLineID -1), so they replace every existing line (qbxml.md §6.1).
 */
export type SalesDocMod = SalesDocAdd & { readonly TxnID: string; readonly EditSequence: string };
export type SalesOrderModRq = RqBase & { readonly kind: 'SalesOrderMod'; readonly SalesOrderMod: SalesDocMod };
export type InvoiceModRq = RqBase & { readonly kind: 'InvoiceMod'; readonly InvoiceMod: SalesDocMod };
export type SalesOrderAddRq = RqBase & { readonly kind: 'SalesOrderAdd'; readonly SalesOrderAdd: SalesDocAdd };
export type InvoiceAddRq = RqBase & { readonly kind: 'InvoiceAdd'; readonly InvoiceAdd: SalesDocAdd };

/** Every request this library can build, discriminated by `kind`. */
export type QbxmlRequest =
  | CustomerQueryRq
  | VendorQueryRq
  | ItemQueryRq
  | InvoiceQueryRq
  | EstimateQueryRq
  | SalesReceiptQueryRq
  | CreditMemoQueryRq
  | SalesOrderQueryRq
  | ReceivePaymentQueryRq
  | ListDeletedQueryRq
  | TxnDeletedQueryRq
  | CustomerAddRq
  | CustomerModRq
  | VendorAddRq
  | VendorModRq
  | ItemServiceAddRq
  | ItemServiceModRq
  | ItemNonInventoryAddRq
  | ItemNonInventoryModRq
  | ItemInventoryAddRq
  | ItemInventoryModRq
  | DataExtAddRq
  | DataExtModRq
  | DataExtDelRq
  | SalesOrderAddRq
  | InvoiceAddRq
  | SalesOrderModRq
  | InvoiceModRq;

export type QbxmlRequestKind = QbxmlRequest['kind'];
