import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { buildSoapResponse, type QbwcResult } from '../build-soap-response.js';
import { protectAmpersands } from '../escape-text.js';
import { QBWC_NS, QBWC_OPERATION_NAMES, QBWC_OPERATIONS, SOAP11_NS, type QbwcOperation } from '../qbwc-operations.constant.js';

/**
 * The answer as the xmlbuilder2 DOM serialised it before buildSoapResponse was written as plain strings (issue 14:
 * the DOM cost a fifth of the CPU of each Web Connector call). Web Connector must receive the same bytes.
 */
function viaXmlbuilder2(operation: QbwcOperation, result: QbwcResult): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const resultEl = doc.ele(SOAP11_NS, 'soap:Envelope').ele(SOAP11_NS, 'soap:Body').ele(QBWC_NS, `${operation}Response`).ele(QBWC_NS, `${operation}Result`);
  const spec = QBWC_OPERATIONS[operation];
  if (spec.result === 'ArrayOfString') for (const item of result as readonly string[]) resultEl.ele(QBWC_NS, 'string').txt(protectAmpersands(item));
  else if (spec.result === 'int') resultEl.txt(String(result));
  else if (result !== '') resultEl.txt(protectAmpersands(result as string));
  return doc.end({ prettyPrint: false });
}

const TEXTS = [
  '',
  ' ',
  'none',
  'Smith &amp; Sons',
  'a<b>c & d',
  ']]>',
  `"double" 'single'`,
  'line1\r\nline2\n\ttab',
  'é漢字😀',
  '&#13;&foo;',
  '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><CustomerQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>',
  'Synced 3 customers, 2 invoices from QuickBooks. Bitrix24 unreachable since 16:02; 5 changes wait.',
];

describe('buildSoapResponse sends Web Connector the same bytes as the xmlbuilder2 serialiser did', () => {
  it.each(QBWC_OPERATION_NAMES.filter((op) => QBWC_OPERATIONS[op].result === 'string'))('%s, for every kind of text', (op) => {
    for (const text of TEXTS) expect(buildSoapResponse(op, text)).toBe(viaXmlbuilder2(op, text));
  });

  it('authenticate, with empty, escaped and plain ticket/status pairs and an empty array', () => {
    for (const text of TEXTS) expect(buildSoapResponse('authenticate', [text, 'nvu'])).toBe(viaXmlbuilder2('authenticate', [text, 'nvu']));
    expect(buildSoapResponse('authenticate', [])).toBe(viaXmlbuilder2('authenticate', []));
  });

  it('receiveResponseXML progress and error numbers', () => {
    for (const n of [0, 42, 100, -1, -101, -102]) expect(buildSoapResponse('receiveResponseXML', n)).toBe(viaXmlbuilder2('receiveResponseXML', n));
  });

  it('still refuses a result of the wrong shape', () => {
    expect(() => buildSoapResponse('authenticate', 'ticket')).toThrow(TypeError);
    expect(() => buildSoapResponse('sendRequestXML', ['a'])).toThrow(TypeError);
    expect(() => buildSoapResponse('receiveResponseXML', '3')).toThrow(TypeError);
  });
});
