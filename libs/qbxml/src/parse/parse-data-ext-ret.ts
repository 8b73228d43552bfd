import type { DataExtDelRet, DataExtRet } from '../types/rets.type.js';
import { ref, requiredText, text, type XmlNode } from './xml-node.util.js';

/** Maps one DataExtRet (the answer of DataExtAdd / DataExtMod, qbxml.md §4.10). Pure; throws QbxmlError when a field is missing. */
export function parseDataExtRet(n: XmlNode, path = 'DataExtRet'): DataExtRet {
  const OwnerID = text(n, 'OwnerID');
  return {
    ...(OwnerID !== undefined && { OwnerID }),
    DataExtName: requiredText(n, 'DataExtName', path),
    DataExtType: requiredText(n, 'DataExtType', path),
    DataExtValue: text(n, 'DataExtValue') ?? '',
  };
}

/** Maps one DataExtDelRet (the answer of DataExtDel). Pure; throws QbxmlError when OwnerID or DataExtName is missing. */
export function parseDataExtDelRet(n: XmlNode, path = 'DataExtDelRet'): DataExtDelRet {
  const optional = {
    ListDataExtType: text(n, 'ListDataExtType'),
    ListObjRef: ref(n, 'ListObjRef'),
    TxnDataExtType: text(n, 'TxnDataExtType'),
    TxnID: text(n, 'TxnID'),
    TxnLineID: text(n, 'TxnLineID'),
    TimeDeleted: text(n, 'TimeDeleted'),
  };
  return {
    OwnerID: requiredText(n, 'OwnerID', path),
    DataExtName: requiredText(n, 'DataExtName', path),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}
