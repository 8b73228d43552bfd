import type { QbxmlResponse, QbxmlRetType } from '../types/responses.type.js';
import { parseCompanyRet } from './parse-company-ret.js';
import { parseCustomerRet } from './parse-customer-ret.js';
import { parseListDeletedRet, parseTxnDeletedRet } from './parse-deleted-ret.js';
import { itemTypeOf, parseItemRet } from './parse-item-ret.js';
import { parseReceivePaymentRet } from './parse-receive-payment-ret.js';
import { parseEstimateRet, parseInvoiceRet } from './parse-txn-ret.js';
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
  receivePayment: named('ReceivePaymentRet', parseReceivePaymentRet),
  listDeleted: named('ListDeletedRet', parseListDeletedRet),
  txnDeleted: named('TxnDeletedRet', parseTxnDeletedRet),
  company: named('CompanyRet', parseCompanyRet),
};

/** Which response type an …Rs kind ("CustomerQuery", "ItemServiceAdd", …) carries; first match wins. */
const RET_TYPE_BY_KIND: readonly (readonly [(kind: string) => boolean, ParsedRetType])[] = [
  [(k) => k.startsWith('Customer'), 'customer'],
  [(k) => k.startsWith('Vendor'), 'vendor'],
  [(k) => k.startsWith('Item'), 'item'],
  [(k) => k.startsWith('Invoice'), 'invoice'],
  [(k) => k.startsWith('Estimate'), 'estimate'],
  [(k) => k.startsWith('ReceivePayment'), 'receivePayment'],
  [(k) => k === 'ListDeletedQuery', 'listDeleted'],
  [(k) => k === 'TxnDeletedQuery', 'txnDeleted'],
  [(k) => k === 'CompanyQuery', 'company'],
];

/** The response type of an …Rs kind; 'other' for kinds this library does not map. Pure. */
export function retTypeOf(kind: string): QbxmlRetType {
  return RET_TYPE_BY_KIND.find(([matches]) => matches(kind))?.[1] ?? 'other';
}

/** Parses the Rets of one response type. Pure; throws QbxmlError on a bad value (the caller's Result catches it). */
export function parseRetsOf<T extends ParsedRetType>(retType: T, rets: readonly RetEntry[], path: string, lineOrders: string[][]): RetsOf<T> {
  return RET_PARSERS[retType](rets, path, lineOrders);
}
