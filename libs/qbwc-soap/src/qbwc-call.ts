import type { QbwcOperation } from './qbwc-operations.constant.js';
import type { MarkupLimits } from './count-xml-markup.js';

export interface QbwcCall {
  readonly operation: QbwcOperation;
  /** Parameter values by WSDL name; absent and empty (`<hresult />`) elements are both `''` (qbwc.md §2). */
  readonly params: Readonly<Record<string, string>>;
}

/**
 * A QBWC call is an Envelope, a Body, an operation and up to six parameters, with a few namespace
 * declarations; its qbXML travels as escaped text, not elements (qbwc.md §2). These caps are far above
 * that and far below what makes the parser slow (2.7 million attributes took 34 s, issue 19).
 */
export const SOAP_MARKUP_LIMITS: MarkupLimits = { elements: 1_000, attributes: 1_000 };
