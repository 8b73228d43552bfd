/** Field data of a record, shaped like the qbXML elements (`{ Name: 'X', BillAddress: { City: 'Y' } }`). */
export type FieldValue = string | FieldObject | FieldValue[];
export interface FieldObject {
  [name: string]: FieldValue;
}

export const LIST_KINDS = ['Customer', 'Vendor', 'ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemOtherCharge'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const TXN_KINDS = ['Invoice', 'Estimate', 'SalesReceipt', 'CreditMemo', 'SalesOrder', 'ReceivePayment'] as const;
export type TxnKind = (typeof TXN_KINDS)[number];
export const ITEM_KINDS: readonly ListKind[] = ['ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemOtherCharge'];

/** Customer, vendor or item. Times are UTC epoch ms. */
export interface ListRecord {
  readonly kind: ListKind;
  readonly ListID: string;
  readonly timeCreated: number;
  timeModified: number;
  editSequence: number;
  fields: FieldObject;
}

export interface TxnLine {
  readonly TxnLineID: string;
  fields: FieldObject;
}

/**
 * A transaction. `appliedCents` = payments/credits applied to it (invoices), or the part of a ReceivePayment /
 * CreditMemo already applied elsewhere. `filterModified` is when a payment last changed an invoice that kept its
 * TimeModified (variant 'findable' of qbxml.md §5.6): the modified-date filter sees it, the Ret does not.
 */
export interface TxnRecord {
  readonly kind: TxnKind;
  readonly TxnID: string;
  readonly TxnNumber: number;
  readonly timeCreated: number;
  timeModified: number;
  editSequence: number;
  fields: FieldObject;
  lines: TxnLine[];
  appliedCents: number;
  filterModified?: number;
}

export interface DeletedRecord {
  readonly type: string;
  readonly id: string;
  readonly isTxn: boolean;
  readonly timeCreated: number;
  readonly timeDeleted: number;
  /** FullName (lists) or RefNumber (transactions). */
  readonly name: string;
}

/** A simple list the emulator does not model in depth (accounts, tax codes, terms, templates, …). */
export interface AuxListEntry {
  readonly ListID: string;
  readonly FullName: string;
  /** Tax rate in percent for ItemSalesTax entries. */
  readonly rate?: string;
}

export interface CompanyPreferences {
  readonly isUsingEstimates: boolean;
}

/** The JSON form of a company file (`QuickBooksCompany.toJSON()`, fixtures). */
export interface CompanyFileJson {
  readonly format: 'qb-b24-quickbooks-emulator/1';
  readonly companyName: string;
  readonly companyFilePath: string;
  readonly timeZone: string;
  readonly now: string;
  readonly preferences: CompanyPreferences;
  readonly counters: { readonly list: number; readonly txn: number; readonly txnNumber: number; readonly refNumber: number };
  readonly auxLists: Readonly<Record<string, readonly AuxListEntry[]>>;
  readonly lists: readonly { kind: ListKind; ListID: string; TimeCreated: string; TimeModified: string; EditSequence: string; fields: FieldObject }[];
  readonly txns: readonly {
    kind: TxnKind;
    TxnID: string;
    TxnNumber: number;
    TimeCreated: string;
    TimeModified: string;
    EditSequence: string;
    fields: FieldObject;
    lines: TxnLine[];
    appliedCents: number;
    filterModified?: number;
  }[];
  /** Custom-field and private-data definitions (DataExtDef, qbxml.md §4.10); absent in older files. */
  readonly dataExtDefs?: readonly DataExtDef[];
  /** Quantity links between transactions (estimate / sales order → invoice, qbxml.md §4.9). */
  readonly links?: readonly TxnLink[];
  readonly deleted: readonly { type: string; id: string; isTxn: boolean; TimeCreated: string; TimeDeleted: string; name: string }[];
}

/** A DataExt definition (DataExtDefRet, qbxml.md §4.10). */
export interface DataExtDef {
  readonly OwnerID: string;
  readonly DataExtID: string;
  readonly DataExtName: string;
  readonly DataExtType: string;
  readonly AssignToObject: readonly string[];
}

/** A QUANTYPE link: `toTxnId` (an invoice) was made from `fromTxnId` (an estimate or sales order). */
export interface TxnLink {
  readonly fromTxnId: string;
  readonly toTxnId: string;
  readonly amountCents: number;
}
