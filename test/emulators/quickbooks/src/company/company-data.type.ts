/** Field data of a record, shaped like the qbXML elements (`{ Name: 'X', BillAddress: { City: 'Y' } }`). */
export type FieldValue = string | FieldObject | FieldValue[];
export interface FieldObject {
  [name: string]: FieldValue;
}

export const LIST_KINDS = ['Customer', 'Vendor', 'ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemOtherCharge'] as const;
export type ListKind = (typeof LIST_KINDS)[number];
export const TXN_KINDS = ['Invoice', 'Estimate'] as const;
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

/** Invoice or estimate. `appliedCents` = payments/credits applied (invoices only). */
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
  }[];
  readonly deleted: readonly { type: string; id: string; isTxn: boolean; TimeCreated: string; TimeDeleted: string; name: string }[];
}
