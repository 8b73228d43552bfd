import type { CreditMemoRet, SalesReceiptRet } from '../types/rets.type.js';
import { txnBase } from './parse-txn-ret.js';
import { bool, cents, ref, text, type XmlNode } from './xml-node.util.js';

/**
 * Maps one parsed SalesReceiptRet with its lines (qbxml.md §4.7; lines have the InvoiceLineRet layout). Pure; throws
 * QbxmlError on missing ids or bad values.
 */
export function parseSalesReceiptRet(n: XmlNode, lineOrder?: readonly string[], path = 'SalesReceiptRet'): SalesReceiptRet {
  return {
    ...txnBase(n, 'SalesReceipt', lineOrder, path),
    IsPending: bool(n, 'IsPending', path),
    CheckNumber: text(n, 'CheckNumber'),
    PaymentMethodRef: ref(n, 'PaymentMethodRef'),
    ShipDate: text(n, 'ShipDate'),
    ShipMethodRef: ref(n, 'ShipMethodRef'),
    TotalAmount: cents(n, 'TotalAmount', path),
    IsToBePrinted: bool(n, 'IsToBePrinted', path),
    DepositToAccountRef: ref(n, 'DepositToAccountRef'),
  };
}

/** Maps one parsed CreditMemoRet with its lines and LinkedTxn (qbxml.md §4.8). Pure; throws QbxmlError on missing ids or bad values. */
export function parseCreditMemoRet(n: XmlNode, lineOrder?: readonly string[], path = 'CreditMemoRet'): CreditMemoRet {
  return {
    ...txnBase(n, 'CreditMemo', lineOrder, path),
    ARAccountRef: ref(n, 'ARAccountRef'),
    IsPending: bool(n, 'IsPending', path),
    ShipDate: text(n, 'ShipDate'),
    ShipMethodRef: ref(n, 'ShipMethodRef'),
    TotalAmount: cents(n, 'TotalAmount', path),
    CreditRemaining: cents(n, 'CreditRemaining', path),
    IsToBePrinted: bool(n, 'IsToBePrinted', path),
  };
}
