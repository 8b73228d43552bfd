/** A …Ref as returned by QuickBooks. */
export interface RefRet {
  readonly ListID?: string;
  readonly FullName?: string;
}

export interface AddressRet {
  readonly Addr1?: string;
  readonly Addr2?: string;
  readonly Addr3?: string;
  readonly Addr4?: string;
  readonly Addr5?: string;
  readonly City?: string;
  readonly State?: string;
  readonly PostalCode?: string;
  readonly Country?: string;
  readonly Note?: string;
}

/** Custom field / private data, returned only when the query names its OwnerID (qbxml.md §4). */
export interface DataExtRet {
  readonly OwnerID?: string;
  readonly DataExtName: string;
  readonly DataExtType: string;
  readonly DataExtValue: string;
}

/**
 * Money fields are integer cents (exact); PRICETYPE/PERCENTTYPE fields stay decimal strings; dates and
 * date-times are kept as printed (use qbWallClock / qbLocalToUtc, the offset is unreliable, qbxml.md §2.4).
 */
export interface ListCoreRet {
  readonly ListID: string;
  readonly TimeCreated: string;
  readonly TimeModified: string;
  readonly EditSequence: string;
}

export interface CustomerRet extends ListCoreRet {
  readonly Name: string;
  readonly FullName: string;
  readonly IsActive?: boolean;
  readonly ClassRef?: RefRet;
  readonly ParentRef?: RefRet;
  readonly Sublevel?: number;
  readonly CompanyName?: string;
  readonly Salutation?: string;
  readonly FirstName?: string;
  readonly MiddleName?: string;
  readonly LastName?: string;
  readonly JobTitle?: string;
  readonly BillAddress?: AddressRet;
  readonly ShipAddress?: AddressRet;
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
  readonly CustomerTypeRef?: RefRet;
  readonly TermsRef?: RefRet;
  readonly SalesRepRef?: RefRet;
  /** cents */
  readonly Balance?: number;
  /** cents, including jobs */
  readonly TotalBalance?: number;
  readonly SalesTaxCodeRef?: RefRet;
  readonly ItemSalesTaxRef?: RefRet;
  readonly ResaleNumber?: string;
  readonly AccountNumber?: string;
  /** cents */
  readonly CreditLimit?: number;
  readonly JobStatus?: string;
  readonly JobStartDate?: string;
  readonly JobProjectedEndDate?: string;
  readonly JobEndDate?: string;
  readonly JobDesc?: string;
  readonly JobTypeRef?: RefRet;
  readonly Notes?: string;
  readonly PriceLevelRef?: RefRet;
  readonly ExternalGUID?: string;
  readonly TaxRegistrationNumber?: string;
  readonly CurrencyRef?: RefRet;
  readonly DataExtRet: readonly DataExtRet[];
}

/** Vendors are flat: no FullName, ParentRef or Sublevel (qbxml.md §4.2). */
export interface VendorRet extends ListCoreRet {
  readonly Name: string;
  readonly IsActive?: boolean;
  readonly ClassRef?: RefRet;
  readonly IsTaxAgency?: boolean;
  readonly CompanyName?: string;
  readonly Salutation?: string;
  readonly FirstName?: string;
  readonly MiddleName?: string;
  readonly LastName?: string;
  readonly JobTitle?: string;
  readonly VendorAddress?: AddressRet;
  readonly ShipAddress?: AddressRet;
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
  readonly VendorTypeRef?: RefRet;
  readonly TermsRef?: RefRet;
  /** cents */
  readonly CreditLimit?: number;
  readonly VendorTaxIdent?: string;
  readonly IsVendorEligibleFor1099?: boolean;
  /** cents */
  readonly Balance?: number;
  readonly ExternalGUID?: string;
  readonly SalesTaxCodeRef?: RefRet;
  readonly CurrencyRef?: RefRet;
  readonly DataExtRet: readonly DataExtRet[];
}

export interface LinkedTxnRet {
  readonly TxnID: string;
  readonly TxnType: string;
  readonly TxnDate?: string;
  readonly RefNumber?: string;
  readonly LinkType?: string;
  /** cents */
  readonly Amount?: number;
}

/** An invoice/estimate line. Rate/RatePercent stay exact decimal strings; Amount is cents. */
export interface TxnLineRet {
  readonly TxnLineID: string;
  readonly ItemRef?: RefRet;
  readonly Desc?: string;
  readonly Quantity?: number;
  readonly UnitOfMeasure?: string;
  readonly Rate?: string;
  readonly RatePercent?: string;
  readonly ClassRef?: RefRet;
  /** cents */
  readonly Amount?: number;
  readonly ServiceDate?: string;
  readonly SalesTaxCodeRef?: RefRet;
  readonly IsTaxable?: boolean;
  readonly Other1?: string;
  readonly Other2?: string;
  /** Sales order lines only: the quantity already invoiced (qbxml.md §4.9). */
  readonly Invoiced?: number;
  /** Sales order lines only: closed by the user although not fully invoiced. */
  readonly IsManuallyClosed?: boolean;
  readonly DataExtRet: readonly DataExtRet[];
}

/** A group line; its member lines are nested (flatten when mapping to deal products, qbxml.md §4.4). */
export interface TxnLineGroupRet {
  readonly TxnLineID: string;
  readonly ItemGroupRef: RefRet;
  readonly Desc?: string;
  readonly Quantity?: number;
  readonly UnitOfMeasure?: string;
  readonly IsPrintItemsInGroup?: boolean;
  /** cents */
  readonly TotalAmount?: number;
  readonly ServiceDate?: string;
  readonly lines: readonly TxnLineRet[];
  readonly DataExtRet: readonly DataExtRet[];
}

/** Plain and group lines in document order. */
export type TxnLine = ({ readonly lineType: 'item' } & TxnLineRet) | ({ readonly lineType: 'group' } & TxnLineGroupRet);

export interface TxnRetBase {
  readonly TxnID: string;
  readonly TimeCreated: string;
  readonly TimeModified: string;
  readonly EditSequence: string;
  readonly TxnNumber?: number;
  readonly CustomerRef: RefRet;
  readonly ClassRef?: RefRet;
  readonly TemplateRef?: RefRet;
  readonly TxnDate: string;
  readonly RefNumber?: string;
  readonly BillAddress?: AddressRet;
  readonly ShipAddress?: AddressRet;
  readonly PONumber?: string;
  readonly TermsRef?: RefRet;
  readonly DueDate?: string;
  readonly SalesRepRef?: RefRet;
  readonly FOB?: string;
  /** cents */
  readonly Subtotal?: number;
  readonly ItemSalesTaxRef?: RefRet;
  readonly SalesTaxPercentage?: string;
  /** cents */
  readonly SalesTaxTotal?: number;
  readonly CurrencyRef?: RefRet;
  readonly ExchangeRate?: string;
  readonly Memo?: string;
  readonly CustomerMsgRef?: RefRet;
  readonly IsToBeEmailed?: boolean;
  readonly IsTaxIncluded?: boolean;
  readonly CustomerSalesTaxCodeRef?: RefRet;
  readonly Other?: string;
  readonly ExternalGUID?: string;
  readonly LinkedTxn: readonly LinkedTxnRet[];
  readonly lines: readonly TxnLine[];
  readonly DataExtRet: readonly DataExtRet[];
}

/** InvoiceRet has no TotalAmount: total = Subtotal + SalesTaxTotal (qbxml.md §4.4). */
export interface InvoiceRet extends TxnRetBase {
  readonly ARAccountRef?: RefRet;
  readonly IsPending?: boolean;
  readonly IsFinanceCharge?: boolean;
  readonly ShipDate?: string;
  readonly ShipMethodRef?: RefRet;
  /** cents */
  readonly AppliedAmount?: number;
  /** cents */
  readonly BalanceRemaining?: number;
  readonly IsPaid?: boolean;
  readonly IsToBePrinted?: boolean;
}

export interface EstimateRet extends TxnRetBase {
  readonly IsActive?: boolean;
  /** cents */
  readonly TotalAmount?: number;
}

export interface ListDeletedRet {
  readonly ListDelType: string;
  readonly ListID: string;
  readonly TimeCreated: string;
  readonly TimeDeleted: string;
  readonly FullName?: string;
}

export interface TxnDeletedRet {
  readonly TxnDelType: string;
  readonly TxnID: string;
  readonly TimeCreated: string;
  readonly TimeDeleted: string;
  readonly RefNumber?: string;
}

/** CompanyRet: the company file's name and its data extensions (QBWC keeps the application's FileID there). */
export interface CompanyRet {
  readonly CompanyName?: string;
  readonly LegalCompanyName?: string;
  readonly DataExtRet: readonly DataExtRet[];
}

/** What DataExtDelRs answers ([XSD] DataExtDelRet): the name removed, from which object, and when. */
export interface DataExtDelRet {
  readonly OwnerID: string;
  readonly DataExtName: string;
  readonly ListDataExtType?: string;
  readonly ListObjRef?: RefRet;
  readonly TxnDataExtType?: string;
  readonly TxnID?: string;
  readonly TxnLineID?: string;
  readonly TimeDeleted?: string;
}

export type { AppliedToTxnRet, CreditMemoRet, ReceivePaymentRet, SalesOrderRet, SalesReceiptRet } from './sales-rets.type.js';
export type {
  ItemGroupRet,
  ItemInventoryRet,
  ItemOtherRet,
  ItemRet,
  ItemSalesRet,
  ItemType,
  SalesAndPurchaseRet,
  SalesOrPurchaseRet,
} from './item-rets.type.js';
export { ITEM_TYPES } from './item-rets.type.js';
