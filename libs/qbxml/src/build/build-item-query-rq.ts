import type { ItemQueryRq } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeListQuery } from './write-list-query.js';

/** The ItemQueryRq element of a message. Pure; throws QbxmlError on contradictory filters. */
export function itemQueryPart(rq: ItemQueryRq): RequestPart {
  return {
    element: 'ItemQueryRq',
    requestID: rq.requestID,
    iterator: rq.iterator,
    write: (w: ElementWriter, path: string) => writeListQuery(w, rq, path),
  };
}

/** Builds a one-request qbXML message with a ItemQueryRq. Pure; throws QbxmlError on invalid input. */
export function buildItemQueryRq(rq: ItemQueryRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([itemQueryPart(rq)], options);
}
