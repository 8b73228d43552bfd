import { describe, expect, it } from 'vitest';
import { exceededMarkupLimit } from '../count-xml-markup.js';
import { parseSoapRequest } from '../parse-soap-request.js';
import { SoapRequestError } from '../soap-request-error.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const QBWC = 'http://developer.intuit.com/';
const envelope = (attrs: string, inner: string): string =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="${SOAP}"${attrs}><s:Body><serverVersion xmlns="${QBWC}">${inner}</serverVersion></s:Body></s:Envelope>`;

describe('exceededMarkupLimit', () => {
  const limits = { elements: 3, attributes: 2 };
  it('counts start tags and attributes, not end tags, comments, CDATA, PIs or quoted text', () => {
    const xml = `<?xml version="1.0"?><a x="1"><!-- <b c="d"/> --><![CDATA[<e f="g">]]><b y='a=b>c'/></a>`;
    expect(exceededMarkupLimit(xml, limits)).toBeUndefined();
  });
  it('names the limit passed first', () => {
    expect(exceededMarkupLimit('<a><b/><c/><d/></a>', limits)).toBe('elements');
    expect(exceededMarkupLimit('<a x="1" y="2" z="3"/>', limits)).toBe('attributes');
  });
  it('reads text with entities and no markup as within limits', () => {
    expect(exceededMarkupLimit(`<a>${'&amp;'.repeat(10_000)}</a>`, limits)).toBeUndefined();
  });
});

describe('parseSoapRequest refuses documents with too many elements or attributes before parsing', () => {
  const refused = (body: string): SoapRequestError => {
    try {
      parseSoapRequest(body);
    } catch (err) {
      if (err instanceof SoapRequestError) return err;
      throw err;
    }
    throw new Error('accepted');
  };

  it('2,000 attributes on the Envelope', () => {
    const attrs = Array.from({ length: 2_000 }, (_, i) => ` a${i}=""`).join('');
    const err = refused(envelope(attrs, ''));
    expect(err.code).toBe('TOO_COMPLEX');
    expect(err.message).toMatch(/at most 1000 attributes/);
  });

  it('2,000 empty elements in the operation', () => {
    expect(refused(envelope('', '<a/>'.repeat(2_000))).code).toBe('TOO_COMPLEX');
  });

  it('while a normal call with a megabyte of escaped qbXML is read', () => {
    const call = parseSoapRequest(
      `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML xmlns="${QBWC}"><ticket>t</ticket><response>${'&lt;a x=&quot;1&quot;/&gt;'.repeat(40_000)}</response></receiveResponseXML></s:Body></s:Envelope>`,
    );
    expect(call.operation).toBe('receiveResponseXML');
  });
});
