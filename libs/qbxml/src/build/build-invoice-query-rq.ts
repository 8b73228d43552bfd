import type { InvoiceQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeTxnQuery } from './write-list-query.js';

/** The InvoiceQueryRq element of a message. Pure; throws QbxmlError on contradictory filters. */
export function invoiceQueryPart(rq: InvoiceQueryRq): RequestPart {
  return {
    element: 'InvoiceQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeTxnQuery(w, rq, path, rq.PaidStatus),
  };
}

/** Builds a one-request qbXML message with a InvoiceQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildInvoiceQueryRq(rq: InvoiceQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([invoiceQueryPart(rq)], options);
}
