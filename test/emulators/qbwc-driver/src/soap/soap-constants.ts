/** Namespace of every QBWC operation element and its children (qbwc.md §2, PG ch.5 p.41). */
export const QBWC_NS = 'http://developer.intuit.com/';
/** SOAP 1.1 envelope namespace; QBWC speaks SOAP 1.1 only (qbwc.md §2). */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** The callbacks QBWC 2.x calls in a non-interactive session (qbwc.md §3). */
export const QBWC_OPERATIONS = [
  'serverVersion',
  'clientVersion',
  'authenticate',
  'sendRequestXML',
  'receiveResponseXML',
  'connectionError',
  'getLastError',
  'closeConnection',
] as const;
export type QbwcOperation = (typeof QBWC_OPERATIONS)[number];

/** Envelope prefix styles seen from different SOAP stacks (qbwc.md §2 "Prefixes", [ENV] header). */
export const ENVELOPE_STYLES = ['soap', 'SOAP-ENV', 'default'] as const;
export type EnvelopeStyle = (typeof ENVELOPE_STYLES)[number];
