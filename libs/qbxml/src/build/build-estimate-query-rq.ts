import type { EstimateQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeTxnQuery } from './write-list-query.js';

/** The EstimateQueryRq element of a message. Pure; throws QbxmlError on contradictory filters. */
export function estimateQueryPart(rq: EstimateQueryRq): RequestPart {
  return {
    element: 'EstimateQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeTxnQuery(w, rq, path),
  };
}

/** Builds a one-request qbXML message with a EstimateQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildEstimateQueryRq(rq: EstimateQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([estimateQueryPart(rq)], options);
}
