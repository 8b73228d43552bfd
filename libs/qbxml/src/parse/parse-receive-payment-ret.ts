import type { AppliedToTxnRet, ReceivePaymentRet } from '../types/rets.type.js';
import { cents, children, dataExt, int, ref, requiredText, text, type XmlNode } from './xml-node.util.js';

function appliedToTxn(n: XmlNode, path: string): AppliedToTxnRet {
  return {
    TxnID: requiredText(n, 'TxnID', path),
    TxnType: requiredText(n, 'TxnType', path),
    TxnDate: text(n, 'TxnDate'),
    RefNumber: text(n, 'RefNumber'),
    BalanceRemaining: cents(n, 'BalanceRemaining', path),
    Amount: cents(n, 'Amount', path),
    DiscountAmount: cents(n, 'DiscountAmount', path),
    LinkedTxn: children(n, 'LinkedTxn').map((l) => ({
      TxnID: requiredText(l, 'TxnID', `${path}/LinkedTxn`),
      TxnType: requiredText(l, 'TxnType', `${path}/LinkedTxn`),
      TxnDate: text(l, 'TxnDate'),
      RefNumber: text(l, 'RefNumber'),
      LinkType: text(l, 'LinkType'),
      Amount: cents(l, 'Amount', `${path}/LinkedTxn`),
    })),
  };
}

/**
 * Maps one ReceivePaymentRet (qbxml.md §4.6) with its AppliedToTxnRet. CreditCardTxnInfo is skipped: real QuickBooks
 * returns it in a shape the 13.0 XSD rejects (§9), and the sync has no use for it. Pure; throws QbxmlError on missing ids
 * or bad values.
 */
export function parseReceivePaymentRet(n: XmlNode, path = 'ReceivePaymentRet'): ReceivePaymentRet {
  return {
    TxnID: requiredText(n, 'TxnID', path),
    TimeCreated: requiredText(n, 'TimeCreated', path),
    TimeModified: requiredText(n, 'TimeModified', path),
    EditSequence: requiredText(n, 'EditSequence', path),
    TxnNumber: int(n, 'TxnNumber', path),
    CustomerRef: ref(n, 'CustomerRef') ?? {},
    ARAccountRef: ref(n, 'ARAccountRef'),
    TxnDate: requiredText(n, 'TxnDate', path),
    RefNumber: text(n, 'RefNumber'),
    TotalAmount: cents(n, 'TotalAmount', path),
    CurrencyRef: ref(n, 'CurrencyRef'),
    ExchangeRate: text(n, 'ExchangeRate'),
    PaymentMethodRef: ref(n, 'PaymentMethodRef'),
    Memo: text(n, 'Memo'),
    DepositToAccountRef: ref(n, 'DepositToAccountRef'),
    UnusedPayment: cents(n, 'UnusedPayment', path),
    UnusedCredits: cents(n, 'UnusedCredits', path),
    ExternalGUID: text(n, 'ExternalGUID'),
    AppliedToTxnRet: children(n, 'AppliedToTxnRet').map((a, i) => appliedToTxn(a, `${path}/AppliedToTxnRet[${i}]`)),
    DataExtRet: dataExt(n, path),
  };
}
