import { create } from 'xmlbuilder2';
import { protectAmpersands } from './escape-text.js';
import { QBWC_NS, QBWC_OPERATIONS, SOAP11_NS, type QbwcOperation } from './qbwc-operations.constant.js';

export type QbwcResult = string | number | readonly string[];

/** Text content escaped as xmlbuilder2 serialised it before (`&`, `<`, `>`; quotes and control characters kept). */
function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

const ENVELOPE_OPEN = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body>`;
const ENVELOPE_CLOSE = '</soap:Body></soap:Envelope>';

/**
 * Serialises an operation's answer as QBWC expects it: `<opResponse xmlns="http://developer.intuit.com/">
 * <opResult>…</opResult>` with every child in that namespace (a foreign namespace on the
 * authenticate `<string>` items is QBWC1012, qbwc.md §2). Pure; throws on a result of the wrong shape.
 * Built as a string, not with xmlbuilder2: every Web Connector call answers through here, and building a DOM
 * for five elements was a fifth of the service's CPU per call (issue 14 bench); the bytes are the same
 * (build-soap-response.spec.ts compares both).
 */
export function buildSoapResponse(operation: QbwcOperation, result: QbwcResult): string {
  const spec = QBWC_OPERATIONS[operation];
  let inner: string;
  switch (spec.result) {
    case 'ArrayOfString': {
      if (!Array.isArray(result)) throw new TypeError(`${operation} needs a string array`);
      inner = (result as readonly string[]).map((item) => `<string>${escapeText(item)}</string>`).join('');
      break;
    }
    case 'int': {
      if (typeof result !== 'number' || !Number.isInteger(result)) throw new TypeError(`${operation} needs an integer`);
      inner = String(result);
      break;
    }
    case 'string': {
      if (typeof result !== 'string') throw new TypeError(`${operation} needs a string`);
      inner = escapeText(result);
      break;
    }
  }
  const resultEl = inner === '' ? `<${operation}Result/>` : `<${operation}Result>${inner}</${operation}Result>`;
  return `${ENVELOPE_OPEN}<${operation}Response xmlns="${QBWC_NS}">${resultEl}</${operation}Response>${ENVELOPE_CLOSE}`;
}

export type SoapFaultCode = 'Client' | 'Server';

/** A SOAP 1.1 Fault (§4.4): `soap:Client` for requests we cannot read, `soap:Server` for our failures. Pure. */
export function buildSoapFault(code: SoapFaultCode, faultString: string): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const fault = doc.ele(SOAP11_NS, 'soap:Envelope').ele(SOAP11_NS, 'soap:Body').ele(SOAP11_NS, 'soap:Fault');
  fault.ele('faultcode').txt(`soap:${code}`);
  fault.ele('faultstring').txt(protectAmpersands(faultString));
  return doc.end({ prettyPrint: false });
}
