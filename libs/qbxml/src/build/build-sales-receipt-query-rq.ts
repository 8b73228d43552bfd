import type { SalesReceiptQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeTxnQuery } from './write-list-query.js';

/** The SalesReceiptQueryRq element of a message (no IncludeLinkedTxns, qbxml.md §5.5). Pure; throws QbxmlError on contradictory filters. */
export function salesReceiptQueryPart(rq: SalesReceiptQueryRq): RequestPart {
  return {
    element: 'SalesReceiptQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeTxnQuery(w, rq, path),
  };
}

/** Builds a one-request qbXML message with a SalesReceiptQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildSalesReceiptQueryRq(rq: SalesReceiptQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([salesReceiptQueryPart(rq)], options);
}
