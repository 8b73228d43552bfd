import type { ReceivePaymentQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeTxnQuery } from './write-list-query.js';

/**
 * The ReceivePaymentQueryRq element of a message: the transaction filters of qbxml.md §5.5 (no PaidStatus, no
 * IncludeLinkedTxns: a payment shows its links as AppliedToTxnRet, §4.6). Pure; throws QbxmlError on contradictory filters.
 */
export function receivePaymentQueryPart(rq: ReceivePaymentQueryRq): RequestPart {
  return {
    element: 'ReceivePaymentQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeTxnQuery(w, rq, path),
  };
}

/** Builds a one-request qbXML message with a ReceivePaymentQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildReceivePaymentQueryRq(rq: ReceivePaymentQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([receivePaymentQueryPart(rq)], options);
}
