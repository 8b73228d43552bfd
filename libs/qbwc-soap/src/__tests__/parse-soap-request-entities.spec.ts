import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseSoapRequest } from '../parse-soap-request.js';

/** The parser as configured before it shared one entity decoder (issue 14): it built its own per parse. */
const perParseDecoder = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const envelope = (message: string, declaration = '<?xml version="1.0" encoding="utf-8"?>'): string =>
  `${declaration}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><response>${message}</response><hresult /><message>${message}</message></receiveResponseXML></soap:Body></soap:Envelope>`;

/** What the per-parse decoder made of the <response> text. */
function referenceText(body: string): string {
  const json = JSON.stringify(perParseDecoder.parse(body));
  const m = /"response":\[\{"#text":("(?:[^"\\]|\\.)*")\}\]/.exec(json);
  return m?.[1] === undefined ? '' : (JSON.parse(m[1]) as string);
}

const TEXTS = [
  '&lt;?xml version="1.0"?&gt;&lt;QBXML&gt;&lt;Name&gt;Smith &amp;amp; Sons&lt;/Name&gt;&lt;/QBXML&gt;',
  'line&#13;&#10;break &#xA9; &#233;',
  '&nbsp;&eacute;&copy;&euro;&pound;',
  '&quot;quoted&quot; &apos;single&apos;',
  '&unknown; stays',
  'plain text',
];

describe('parseSoapRequest decodes entities exactly as with a decoder built per parse', () => {
  it.each(TEXTS)('%s', (text) => {
    const body = envelope(text);
    expect(parseSoapRequest(body).params['response']).toBe(referenceText(body));
  });
});
