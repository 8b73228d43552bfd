import { parseXmlDocument } from './parse-xml-document.js';
import { QBWC_NS, SOAP_ENV_NS, type QbwcOperation } from './soap-constants.js';
import type { XmlElement } from './xml-element.type.js';

export type SoapAnswer =
  /** `result` is the `<opResult>` element, or null when the server left it out. */
  { readonly kind: 'result'; readonly result: XmlElement | null } | { readonly kind: 'fault'; readonly faultCode: string; readonly faultString: string };

/**
 * Reads a SOAP 1.1 answer to `op` by namespace URI, never by prefix (qbwc.md §2). Pure.
 * Throws when the text is not XML, not a SOAP 1.1 envelope, or carries another operation's response.
 */
export function parseSoapResponse(xml: string, op: QbwcOperation): SoapAnswer {
  const envelope = parseXmlDocument(xml);
  if (envelope.namespaceUri !== SOAP_ENV_NS || envelope.localName !== 'Envelope') {
    throw new Error(`Root is {${envelope.namespaceUri}}${envelope.localName}, expected a SOAP 1.1 Envelope`);
  }
  const body = envelope.children.find((c) => c.namespaceUri === SOAP_ENV_NS && c.localName === 'Body');
  if (body === undefined) throw new Error('SOAP Envelope has no Body');
  const first = body.children[0];
  if (first === undefined) throw new Error('SOAP Body is empty');
  if (first.namespaceUri === SOAP_ENV_NS && first.localName === 'Fault') {
    // SOAP 1.1 §4.4: faultcode/faultstring are unqualified children.
    const child = (name: string): string => first.children.find((c) => c.localName === name)?.text.trim() ?? '';
    return { kind: 'fault', faultCode: child('faultcode'), faultString: child('faultstring') };
  }
  const expected = `${op}Response`;
  if (first.namespaceUri !== QBWC_NS || first.localName !== expected) {
    throw new Error(`SOAP Body holds {${first.namespaceUri}}${first.localName}, expected {${QBWC_NS}}${expected}`);
  }
  const result = first.children.find((c) => c.namespaceUri === QBWC_NS && c.localName === `${op}Result`) ?? null;
  return { kind: 'result', result };
}

function isNil(el: XmlElement): boolean {
  const nil = Object.entries(el.attributes).find(([name]) => name === 'nil' || name.endsWith(':nil'));
  return nil !== undefined && (nil[1] === 'true' || nil[1] === '1');
}

/** A `s:string` result: its text, or null when absent or `xsi:nil`. Pure. */
export function readStringResult(result: XmlElement | null): string | null {
  if (result === null || isNil(result)) return null;
  return result.text;
}

/**
 * An `ArrayOfString` result (authenticateResult): only `<string>` items in http://developer.intuit.com/
 * count, because QBWC's .NET deserializer ignores items in any other namespace (qbwc.md §2 pitfall, [ENV] [X]). Pure.
 */
export function readArrayOfString(result: XmlElement | null): string[] {
  if (result === null || isNil(result)) return [];
  return result.children.filter((c) => c.namespaceUri === QBWC_NS && c.localName === 'string').map((c) => (isNil(c) ? '' : c.text));
}

/** An `s:int` result; throws unless it is an integer (a decimal such as 50.5 is not, qbwc.md §2). Pure. */
export function readIntResult(result: XmlElement | null): number {
  if (result === null) throw new Error('int result element is missing');
  const text = result.text.trim();
  if (!/^[+-]?\d{1,10}$/.test(text)) throw new Error(`"${result.text}" is not an xs:int`);
  const value = Number.parseInt(text, 10);
  if (value > 2_147_483_647 || value < -2_147_483_648) throw new Error(`"${text}" is out of xs:int range`);
  return value;
}
