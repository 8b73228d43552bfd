import type { DataExtAddRq, DataExtDelRq, DataExtModRq } from './data-ext-requests.type.js';
import type {
  ItemInventoryAddRq,
  ItemInventoryModRq,
  ItemNonInventoryAddRq,
  ItemNonInventoryModRq,
  ItemServiceAddRq,
  ItemServiceModRq,
} from './item-requests.type.js';
import type { InvoiceAddRq, InvoiceModRq, SalesOrderAddRq, SalesOrderModRq } from './sales-doc-requests.type.js';
import type {
  ActiveStatus,
  AddressInput,
  AddressModInput,
  ModText,
  Cents,
  DateInput,
  DateTimeInput,
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

export type {
  ItemInventoryAdd,
  ItemInventoryAddRq,
  ItemInventoryMod,
  ItemInventoryModRq,
  ItemNonInventoryAdd,
  ItemNonInventoryAddRq,
  ItemNonInventoryMod,
  ItemNonInventoryModRq,
  ItemServiceAdd,
  ItemServiceAddRq,
  ItemServiceMod,
  ItemServiceModRq,
  SalesAndPurchaseInput,
  SalesAndPurchaseModInput,
  SalesChoice,
  SalesModChoice,
  SalesOrPurchaseInput,
  SalesOrPurchaseModInput,
} from './item-requests.type.js';
export type { InvoiceAddRq, InvoiceModRq, SalesDocAdd, SalesDocMod, SalesLineAdd, SalesOrderAddRq, SalesOrderModRq } from './sales-doc-requests.type.js';
