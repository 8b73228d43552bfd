import { XMLParser } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';

const QBWC_NS = 'http://developer.intuit.com/';
const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Builds a QBWC-style SOAP 1.1 request (test side; independent of libs/qbwc-soap). */
export function soapEnvelope(op: string, params: Record<string, string | number> = {}, prefix = 'soap'): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const opEl = doc.ele(SOAP_NS, `${prefix}:Envelope`).ele(SOAP_NS, `${prefix}:Body`).ele(QBWC_NS, op);
  // xmlbuilder2 leaves entity-looking text (`&amp;`) unescaped; escaping every & first keeps the payload exact.
  for (const [k, v] of Object.entries(params)) opEl.ele(QBWC_NS, k).txt(String(v).replaceAll('&', '&amp;'));
  return doc.end();
}

export const soapHeaders = (op: string): Record<string, string> => ({
  'content-type': 'text/xml; charset=utf-8',
  soapaction: `"http://developer.intuit.com/${op}"`,
});

const reader = new XMLParser({ removeNSPrefix: true, parseTagValue: false, isArray: (name) => name === 'string' });

/** Reads `<opResult>` from a SOAP answer: a string, or the string array of authenticate. */
export function readResult(op: string, xml: string): string | string[] {
  const parsed = reader.parse(xml) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  const res = parsed['Envelope']?.['Body']?.[`${op}Response`]?.[`${op}Result`];
  if (res === undefined || res === '') return '';
  if (typeof res === 'object' && res !== null && 'string' in res) {
    return (res['string'] as unknown[]).map((s) => (typeof s === 'string' ? s : ''));
  }
  return String(res);
}

export function readFault(xml: string): { code: string; text: string } | undefined {
  const parsed = reader.parse(xml) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
  const fault = parsed['Envelope']?.['Body']?.['Fault'];
  if (!fault) return undefined;
  return { code: String(fault['faultcode']), text: String(fault['faultstring']) };
}
