import { isQbwcOperation, type QbwcOperation } from './qbwc-operations.constant.js';

/** How much of a body is scanned for its operation: QBWC's envelope and operation tag fit in a few hundred bytes. */
export const SOAP_PEEK_BYTES = 4 * 1024;

/** Every operation except the two that carry qbXML takes a ticket and a few short strings (qbwc.md §3). */
export const SMALL_SOAP_BODY_BYTES = 64 * 1024;

/** The operations whose bodies carry qbXML (a page of QuickBooks records can be several MB). */
export const BULK_QBWC_OPERATIONS: readonly QbwcOperation[] = ['sendRequestXML', 'receiveResponseXML'];

/**
 * The largest body accepted for a request whose operation is `operation` (as peekSoapOperation read it):
 * `maxBodyBytes` for sendRequestXML and receiveResponseXML, SMALL_SOAP_BODY_BYTES for anything else,
 * including a body whose operation is unknown or not visible in the first SOAP_PEEK_BYTES. Pure.
 */
export function soapBodyLimit(operation: string | undefined, maxBodyBytes: number): number {
  const bulk = operation !== undefined && isQbwcOperation(operation) && BULK_QBWC_OPERATIONS.includes(operation);
  return bulk ? maxBodyBytes : Math.min(SMALL_SOAP_BODY_BYTES, maxBodyBytes);
}
