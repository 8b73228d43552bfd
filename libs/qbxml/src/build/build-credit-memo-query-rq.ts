import type { CreditMemoQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeTxnQuery } from './write-list-query.js';

/** The CreditMemoQueryRq element of a message (qbxml.md §5.5). Pure; throws QbxmlError on contradictory filters. */
export function creditMemoQueryPart(rq: CreditMemoQueryRq): RequestPart {
  return {
    element: 'CreditMemoQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeTxnQuery(w, rq, path),
  };
}

/** Builds a one-request qbXML message with a CreditMemoQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildCreditMemoQueryRq(rq: CreditMemoQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([creditMemoQueryPart(rq)], options);
}
