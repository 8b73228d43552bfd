import type { QbxmlResponse, QbxmlRetType } from '../types/responses.type.js';
import { parseCompanyRet } from './parse-company-ret.js';
import { parseDataExtDelRet, parseDataExtRet } from './parse-data-ext-ret.js';
import { parseCustomerRet } from './parse-customer-ret.js';
import { parseListDeletedRet, parseTxnDeletedRet } from './parse-deleted-ret.js';
import { itemTypeOf, parseItemRet } from './parse-item-ret.js';
import { parseCreditMemoRet, parseSalesReceiptRet } from './parse-sales-txn-ret.js';
import { parseEstimateRet, parseInvoiceRet, parseSalesOrderRet } from './parse-txn-ret.js';
import { parseReceivePaymentRet } from './parse-receive-payment-ret.js';
import { parseVendorRet } from './parse-vendor-ret.js';
import type { XmlNode } from './xml-node.util.js';

/** One child of an …Rs in document order: element name, node, index among its same-named siblings. */
export type RetEntry = readonly [string, XmlNode, number];

/** The response types whose records this library parses ('other' only counts them). */
export type ParsedRetType = Exclude<QbxmlRetType, 'other'>;
type RetsOf<T extends ParsedRetType> = Extract<QbxmlResponse, { readonly retType: T }>['rets'];
type RetParser<T extends ParsedRetType> = (rets: readonly RetEntry[], path: string, lineOrders: string[][]) => RetsOf<T>;

/** The …Ret elements named `name`, each parsed with `parse`. */
const named =
  <R>(name: string, parse: (node: XmlNode, path: string) => R) =>
  (rets: readonly RetEntry[], path: string): R[] =>
    rets.filter(([n]) => n === name).map(([n, r, i]) => parse(r, `${path}/${n}[${i}]`));

/**
 * One parser per response type; the mapped type makes a new response type without one a compile error.
 * Transactions take their line order (recorded during the parse) in document order, one per Ret.
 */
const RET_PARSERS: { readonly [T in ParsedRetType]: RetParser<T> } = {
  customer: named('CustomerRet', parseCustomerRet),
  vendor: named('VendorRet', parseVendorRet),
  // ItemQueryRs mixes twelve Ret types (ItemServiceRet, ItemInventoryRet, …); unknown ones are skipped.
  item: (rets, path) =>
    rets.flatMap(([n, r, i]) => {
      const t = itemTypeOf(n);
      return t === undefined ? [] : [parseItemRet(r, t, `${path}/${n}[${i}]`)];
    }),
  invoice: (rets, path, lines) => named('InvoiceRet', (r, p) => parseInvoiceRet(r, lines.shift(), p))(rets, path),
  estimate: (rets, path, lines) => named('EstimateRet', (r, p) => parseEstimateRet(r, lines.shift(), p))(rets, path),
  salesReceipt: (rets, path, lines) => named('SalesReceiptRet', (r, p) => parseSalesReceiptRet(r, lines.shift(), p))(rets, path),
  creditMemo: (rets, path, lines) => named('CreditMemoRet', (r, p) => parseCreditMemoRet(r, lines.shift(), p))(rets, path),
  salesOrder: (rets, path, lines) => named('SalesOrderRet', (r, p) => parseSalesOrderRet(r, lines.shift(), p))(rets, path),
  receivePayment: named('ReceivePaymentRet', parseReceivePaymentRet),
  listDeleted: named('ListDeletedRet', parseListDeletedRet),
  txnDeleted: named('TxnDeletedRet', parseTxnDeletedRet),
  company: named('CompanyRet', parseCompanyRet),
  dataExt: named('DataExtRet', parseDataExtRet),
  dataExtDel: named('DataExtDelRet', parseDataExtDelRet),
};

/** Which response type an …Rs kind ("CustomerQuery", "ItemServiceAdd", …) carries; first match wins. */
const RET_TYPE_BY_KIND: readonly (readonly [(kind: string) => boolean, ParsedRetType])[] = [
  [(k) => k.startsWith('Customer'), 'customer'],
  [(k) => k.startsWith('Vendor'), 'vendor'],
  [(k) => k.startsWith('Item'), 'item'],
  [(k) => k.startsWith('Invoice'), 'invoice'],
  [(k) => k.startsWith('Estimate'), 'estimate'],
  [(k) => k.startsWith('SalesReceipt'), 'salesReceipt'],
  [(k) => k.startsWith('CreditMemo'), 'creditMemo'],
  [(k) => k.startsWith('SalesOrder'), 'salesOrder'],
  [(k) => k.startsWith('ReceivePayment'), 'receivePayment'],
  [(k) => k === 'ListDeletedQuery', 'listDeleted'],
  [(k) => k === 'TxnDeletedQuery', 'txnDeleted'],
  [(k) => k === 'CompanyQuery', 'company'],
  // Exact names: DataExtDefQuery/DataExtDefAdd answer definitions, not values.
  [(k) => k === 'DataExtAdd' || k === 'DataExtMod', 'dataExt'],
  [(k) => k === 'DataExtDel', 'dataExtDel'],
];

/** The response type of an …Rs kind; 'other' for kinds this library does not map. Pure. */
export function retTypeOf(kind: string): QbxmlRetType {
  return RET_TYPE_BY_KIND.find(([matches]) => matches(kind))?.[1] ?? 'other';
}

/** Parses the Rets of one response type. Pure; throws QbxmlError on a bad value (the caller's Result catches it). */
export function parseRetsOf<T extends ParsedRetType>(retType: T, rets: readonly RetEntry[], path: string, lineOrders: string[][]): RetsOf<T> {
  return RET_PARSERS[retType](rets, path, lineOrders);
}
