import type { SalesOrderQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeTxnQuery } from './write-list-query.js';

/** The SalesOrderQueryRq element of a message (no PaidStatus: sales orders are not paid, qbxml.md §5.5). Pure; throws QbxmlError on contradictory filters. */
export function salesOrderQueryPart(rq: SalesOrderQueryRq): RequestPart {
  return {
    element: 'SalesOrderQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeTxnQuery(w, rq, path),
  };
}

/** Builds a one-request qbXML message with a SalesOrderQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildSalesOrderQueryRq(rq: SalesOrderQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([salesOrderQueryPart(rq)], options);
}
