import type { RefInput } from './request-common.type.js';

/** Echoed on the response; ≤ 50 characters (as every request, requests.type.ts). */
interface RqBase {
  readonly requestID: string;
}

/** ListDataExtType values ([XSD] ListDataExtType, qbxml.md §4.10). */
export type ListDataExtType = 'Account' | 'Customer' | 'Employee' | 'Item' | 'OtherName' | 'Vendor';
/** The transaction types this project writes custom fields on (a subset of [XSD] TxnDataExtType). */
export type TxnDataExtType = 'Invoice' | 'Estimate' | 'SalesOrder' | 'SalesReceipt' | 'CreditMemo' | 'ReceivePayment';

/** Which object a DataExt value belongs to: a list object by ListObjRef, or a transaction (line) by TxnID. */
export type DataExtOwnerObject =
  | { readonly ListDataExtType: ListDataExtType; readonly ListObjRef: RefInput; readonly TxnDataExtType?: undefined }
  | { readonly TxnDataExtType: TxnDataExtType; readonly TxnID: string; readonly TxnLineID?: string; readonly ListDataExtType?: undefined };

/** DataExtDel: OwnerID ("0" = the UI's custom fields, or an application GUID), DataExtName ≤ 31, the object. */
export type DataExtDel = { readonly OwnerID: string; readonly DataExtName: string } & DataExtOwnerObject;
/** DataExtAdd / DataExtMod: DataExtDel plus the value (required; a Mod cannot clear, qbxml.md §4.10). */
export type DataExtWrite = DataExtDel & { readonly DataExtValue: string };

export type DataExtAddRq = RqBase & { readonly kind: 'DataExtAdd'; readonly DataExtAdd: DataExtWrite };
export type DataExtModRq = RqBase & { readonly kind: 'DataExtMod'; readonly DataExtMod: DataExtWrite };
export type DataExtDelRq = RqBase & { readonly kind: 'DataExtDel'; readonly DataExtDel: DataExtDel };
