import type { DateInput, DecimalInput, RefInput } from './request-common.type.js';

/** Echoed on the response; ≤ 50 characters (as every request, requests.type.ts). */
interface RqBase {
  readonly requestID: string;
}

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
