import type { DataExtAddRq, DataExtDel, DataExtDelRq, DataExtModRq } from '../types/data-ext-requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';

/** DataExtName ≤ 31 ([XSD] DataExtAdd/Mod/Del). */
const NAME_MAX = 31;
/** DataExtValue has no XSD facet; STR255TYPE is the widest type a public custom field has (qbxml.md §4.10). */
const VALUE_MAX = 255;

/** OwnerID, DataExtName and the owning object, in XSD order (the head shared by Add, Mod and Del). */
function writeHead(w: ElementWriter, d: DataExtDel): void {
  w.guid('OwnerID', d.OwnerID);
  w.str('DataExtName', d.DataExtName, NAME_MAX, true);
  if (d.ListDataExtType !== undefined) {
    w.enumValue('ListDataExtType', d.ListDataExtType);
    w.ref('ListObjRef', d.ListObjRef);
  } else {
    w.enumValue('TxnDataExtType', d.TxnDataExtType);
    w.id('TxnID', d.TxnID, 36, true);
    w.id('TxnLineID', d.TxnLineID);
  }
}

/** The DataExtAddRq element: sets a custom field that has no value yet (qbxml.md §4.10). Pure. */
export function dataExtAddPart(rq: DataExtAddRq): RequestPart {
  return {
    element: 'DataExtAddRq',
    requestID: rq.requestID,
    write: (parent) => {
      const w = parent.child('DataExtAdd');
      writeHead(w, rq.DataExtAdd);
      w.str('DataExtValue', rq.DataExtAdd.DataExtValue, VALUE_MAX, true);
    },
  };
}

/** The DataExtModRq element: changes an existing value; it cannot clear one (use DataExtDel). Pure. */
export function dataExtModPart(rq: DataExtModRq): RequestPart {
  return {
    element: 'DataExtModRq',
    requestID: rq.requestID,
    write: (parent) => {
      const w = parent.child('DataExtMod');
      writeHead(w, rq.DataExtMod);
      w.str('DataExtValue', rq.DataExtMod.DataExtValue, VALUE_MAX, true);
    },
  };
}

/** The DataExtDelRq element: removes a custom field's value from one object. Pure. */
export function dataExtDelPart(rq: DataExtDelRq): RequestPart {
  return {
    element: 'DataExtDelRq',
    requestID: rq.requestID,
    write: (parent) => writeHead(parent.child('DataExtDel'), rq.DataExtDel),
  };
}

/** Builds a one-request message setting, changing or removing a custom-field value. Pure; throws QbxmlError. */
export function buildDataExtRq(rq: DataExtAddRq | DataExtModRq | DataExtDelRq, options?: BuildOptions): BuildResult {
  const part = rq.kind === 'DataExtAdd' ? dataExtAddPart(rq) : rq.kind === 'DataExtMod' ? dataExtModPart(rq) : dataExtDelPart(rq);
  return buildQbxmlDocument([part], options);
}
