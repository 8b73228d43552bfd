import type { VendorQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeListQuery } from './write-list-query.js';

/** The VendorQueryRq element of a message. Pure; throws QbxmlError on contradictory filters. */
export function vendorQueryPart(rq: VendorQueryRq): RequestPart {
  return {
    element: 'VendorQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeListQuery(w, rq, path),
  };
}

/** Builds a one-request qbXML message with a VendorQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildVendorQueryRq(rq: VendorQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([vendorQueryPart(rq)], options);
}
