import { create } from 'xmlbuilder2';
import { QBWC_NS, SOAP_ENV_NS, XMLNS_NS, XSD_NS, XSI_NS, type EnvelopeStyle, type QbwcOperation } from './soap-constants.js';

export interface EnvelopeFormat {
  readonly style: EnvelopeStyle;
  /** Indented output (whitespace between elements only; text content is never touched). */
  readonly pretty: boolean;
}

/** One request child, in WSDL sequence order (qbwc.md §3). */
export type SoapParam = readonly [name: string, value: string];

/**
 * Builds a QBWC SOAP 1.1 request envelope: operation and children in http://developer.intuit.com/,
 * no SOAP Header, values escaped by xmlbuilder2 (so a qbXML string travels as escaped text). Pure.
 */
export function buildSoapRequest(op: QbwcOperation, params: readonly SoapParam[], format: EnvelopeFormat): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const qualified = (local: string): string => {
    switch (format.style) {
      case 'soap':
        return `soap:${local}`;
      case 'SOAP-ENV':
        return `SOAP-ENV:${local}`;
      case 'default':
        return local;
    }
  };
  const envelope = doc.ele(SOAP_ENV_NS, qualified('Envelope'));
  if (format.style !== 'default') {
    // The recorded .NET client declares xsi/xsd on the Envelope ([ENV] [R] authenticate/clientVersion).
    envelope.att(XMLNS_NS, 'xmlns:xsi', XSI_NS).att(XMLNS_NS, 'xmlns:xsd', XSD_NS);
  }
  const operation = envelope.ele(SOAP_ENV_NS, qualified('Body')).ele(QBWC_NS, op);
  for (const [name, value] of params) {
    operation.ele(QBWC_NS, name).txt(protectAmpersands(value));
  }
  return doc.end({ prettyPrint: format.pretty });
}

/**
 * xmlbuilder2 4.x leaves an `&` alone when it already looks like an entity reference (its serializer
 * escapes only `/&(?![A-Za-z]+;|#\d+;)/`), so the text `Smith &amp; Sons` inside a qbXML string would
 * reach the server as `Smith & Sons`, one escaping level short. Turning every `&` into `&amp;` first
 * makes each one look like an entity, which xmlbuilder2 then keeps as is: exactly one level of escaping.
 * Pure.
 */
export function protectAmpersands(text: string): string {
  return text.replaceAll('&', '&amp;');
}
