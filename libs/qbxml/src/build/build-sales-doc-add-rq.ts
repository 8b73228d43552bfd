import type { InvoiceAddRq, InvoiceModRq, SalesDocAdd, SalesDocMod, SalesOrderAddRq, SalesOrderModRq } from '../types/requests.type.js';
import { REF_MAX, type ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';

/**
 * The shared head and lines of SalesOrderAdd and InvoiceAdd, in XSD order: CustomerRef, TxnDate, RefNumber, Memo,
 * then one …LineAdd per line (ItemRef, Desc, Quantity, Rate). Both documents put these in the same relative order
 * (qbxml.md §4.4, §4.9); the fields between them are optional and not sent.
 */
function writeSalesDoc(w: ElementWriter, a: SalesDocAdd | SalesDocMod, lineTag: string): void {
  const mod = 'TxnID' in a;
  if (mod) {
    w.id('TxnID', a.TxnID, 36, true);
    w.str('EditSequence', a.EditSequence, 16, true);
  }
  w.ref('CustomerRef', a.CustomerRef, REF_MAX.list);
  w.date('TxnDate', a.TxnDate);
  w.str('RefNumber', a.RefNumber, 11);
  w.str('Memo', a.Memo, 4095);
  for (const line of a.lines) {
    const l = w.child(lineTag);
    // A Mod line -1 is added; every line not named is deleted (qbxml.md §6.1).
    if (mod) l.str('TxnLineID', '-1', 36, true);
    l.ref('ItemRef', line.ItemRef, REF_MAX.list);
    l.str('Desc', line.Desc, 4095);
    l.decimal('Quantity', line.Quantity);
    l.decimal('Rate', line.Rate);
  }
}

/** The SalesOrderAddRq element (qbxml.md §4.9). Pure; throws QbxmlError on invalid values. */
export function salesOrderAddPart(rq: SalesOrderAddRq): RequestPart {
  return {
    element: 'SalesOrderAddRq',
    requestID: rq.requestID,
    write: (parent) => writeSalesDoc(parent.child('SalesOrderAdd'), rq.SalesOrderAdd, 'SalesOrderLineAdd'),
  };
}

/** The InvoiceAddRq element (qbxml.md §4.4). Pure; throws QbxmlError on invalid values. */
export function invoiceAddPart(rq: InvoiceAddRq): RequestPart {
  return {
    element: 'InvoiceAddRq',
    requestID: rq.requestID,
    write: (parent) => writeSalesDoc(parent.child('InvoiceAdd'), rq.InvoiceAdd, 'InvoiceLineAdd'),
  };
}

/** The SalesOrderModRq element: the order's lines replaced by the given ones (qbxml.md §6.1). Pure; throws QbxmlError. */
export function salesOrderModPart(rq: SalesOrderModRq): RequestPart {
  return {
    element: 'SalesOrderModRq',
    requestID: rq.requestID,
    write: (parent) => writeSalesDoc(parent.child('SalesOrderMod'), rq.SalesOrderMod, 'SalesOrderLineMod'),
  };
}

/** The InvoiceModRq element: the invoice's lines replaced by the given ones (qbxml.md §6.1). Pure; throws QbxmlError. */
export function invoiceModPart(rq: InvoiceModRq): RequestPart {
  return {
    element: 'InvoiceModRq',
    requestID: rq.requestID,
    write: (parent) => writeSalesDoc(parent.child('InvoiceMod'), rq.InvoiceMod, 'InvoiceLineMod'),
  };
}

/** Builds a one-request message adding a sales order. Pure; throws QbxmlError. */
export function buildSalesOrderAddRq(rq: SalesOrderAddRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([salesOrderAddPart(rq)], options);
}
