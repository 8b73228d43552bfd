import { create } from 'xmlbuilder2';
import { protectAmpersands } from './escape-text.js';
import { QBWC_NS, QBWC_OPERATIONS, SOAP11_NS, type QbwcOperation } from './qbwc-operations.constant.js';

export type QbwcResult = string | number | readonly string[];

/**
 * Serialises an operation's answer as QBWC expects it: `<opResponse xmlns="http://developer.intuit.com/">
 * <opResult>…</opResult>` with every child in that namespace (a foreign namespace on the
 * authenticate `<string>` items is QBWC1012, qbwc.md §2). Pure; throws on a result of the wrong shape.
 */
export function buildSoapResponse(operation: QbwcOperation, result: QbwcResult): string {
  const spec = QBWC_OPERATIONS[operation];
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const response = doc.ele(SOAP11_NS, 'soap:Envelope').ele(SOAP11_NS, 'soap:Body').ele(QBWC_NS, `${operation}Response`);
  const resultEl = response.ele(QBWC_NS, `${operation}Result`);
  switch (spec.result) {
    case 'ArrayOfString': {
      if (!Array.isArray(result)) throw new TypeError(`${operation} needs a string array`);
      for (const item of result as readonly string[]) resultEl.ele(QBWC_NS, 'string').txt(protectAmpersands(item));
      break;
    }
    case 'int': {
      if (typeof result !== 'number' || !Number.isInteger(result)) throw new TypeError(`${operation} needs an integer`);
      resultEl.txt(String(result));
      break;
    }
    case 'string': {
      if (typeof result !== 'string') throw new TypeError(`${operation} needs a string`);
      if (result !== '') resultEl.txt(protectAmpersands(result));
      break;
    }
  }
  return doc.end({ prettyPrint: false });
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
