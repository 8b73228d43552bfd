import type { ListDeletedRet, TxnDeletedRet } from '../types/rets.type.js';
import { requiredText, text, type XmlNode } from './xml-node.util.js';

/** Maps one ListDeletedRet (type, ListID, TimeCreated, TimeDeleted, FullName). Pure; throws QbxmlError when a field is missing. */
export function parseListDeletedRet(n: XmlNode, path = 'ListDeletedRet'): ListDeletedRet {
  return {
    ListDelType: requiredText(n, 'ListDelType', path),
    ListID: requiredText(n, 'ListID', path),
    TimeCreated: requiredText(n, 'TimeCreated', path),
    TimeDeleted: requiredText(n, 'TimeDeleted', path),
    FullName: text(n, 'FullName'),
  };
}

/** Maps one TxnDeletedRet (type, TxnID, TimeCreated, TimeDeleted, RefNumber). Pure; throws QbxmlError when a field is missing. */
export function parseTxnDeletedRet(n: XmlNode, path = 'TxnDeletedRet'): TxnDeletedRet {
  return {
    TxnDelType: requiredText(n, 'TxnDelType', path),
    TxnID: requiredText(n, 'TxnID', path),
    TimeCreated: requiredText(n, 'TimeCreated', path),
    TimeDeleted: requiredText(n, 'TimeDeleted', path),
    RefNumber: text(n, 'RefNumber'),
  };
}
