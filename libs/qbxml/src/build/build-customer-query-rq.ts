import type { CustomerQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeListQuery } from './write-list-query.js';

/** The CustomerQueryRq element of a message. Pure; throws QbxmlError on contradictory filters. */
export function customerQueryPart(rq: CustomerQueryRq): RequestPart {
  return {
    element: 'CustomerQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeListQuery(w, rq, path),
  };
}

/** Builds a one-request qbXML message with a CustomerQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildCustomerQueryRq(rq: CustomerQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([customerQueryPart(rq)], options);
}
