import { describe, expect, it } from 'vitest';
import { buildSoapRequest, protectAmpersands } from './build-soap-request.js';
import { parseSoapResponse, readArrayOfString, readIntResult, readStringResult } from './parse-soap-response.js';
import { decodeXmlText, parseXmlDocument } from './parse-xml-document.js';

const ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

describe('parseSoapResponse', () => {
  it.each([
    [
      'soap: prefix',
      `<soap:Envelope xmlns:soap="${ENV}"><soap:Body><getLastErrorResponse xmlns="http://developer.intuit.com/"><getLastErrorResult>NoOp</getLastErrorResult></getLastErrorResponse></soap:Body></soap:Envelope>`,
    ],
    [
      's: prefix with a Header',
      `<s:Envelope xmlns:s="${ENV}"><s:Header/><s:Body><getLastErrorResponse xmlns="http://developer.intuit.com/"><getLastErrorResult>NoOp</getLastErrorResult></getLastErrorResponse></s:Body></s:Envelope>`,
    ],
    [
      'prefixed intuit namespace',
      `<Envelope xmlns="${ENV}"><Body><q:getLastErrorResponse xmlns:q="http://developer.intuit.com/"><q:getLastErrorResult>NoOp</q:getLastErrorResult></q:getLastErrorResponse></Body></Envelope>`,
    ],
  ])('reads the result by namespace with %s', (_name, xml) => {
    const answer = parseSoapResponse(xml, 'getLastError');
    expect(answer.kind === 'result' ? readStringResult(answer.result) : answer).toBe('NoOp');
  });

  it('rejects a response element outside the intuit namespace', () => {
    const xml = `<soap:Envelope xmlns:soap="${ENV}"><soap:Body><getLastErrorResponse><getLastErrorResult>x</getLastErrorResult></getLastErrorResponse></soap:Body></soap:Envelope>`;
    expect(() => parseSoapResponse(xml, 'getLastError')).toThrow(/expected \{http:\/\/developer.intuit.com\/\}getLastErrorResponse/);
  });

  it('rejects a SOAP 1.2 envelope', () => {
    const xml = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body/></env:Envelope>`;
    expect(() => parseSoapResponse(xml, 'closeConnection')).toThrow(/SOAP 1.1 Envelope/);
  });

  it('returns a fault with its code and string', () => {
    const xml = `<soap:Envelope xmlns:soap="${ENV}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Unknown SOAPAction</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
    expect(parseSoapResponse(xml, 'authenticate')).toEqual({ kind: 'fault', faultCode: 'soap:Client', faultString: 'Unknown SOAPAction' });
  });

  it('treats xsi:nil and a missing result as null, and nil array items as empty strings', () => {
    const nil = `<soap:Envelope xmlns:soap="${ENV}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><authenticateResponse xmlns="http://developer.intuit.com/"><authenticateResult><string>t</string><string xsi:nil="true"/></authenticateResult></authenticateResponse></soap:Body></soap:Envelope>`;
    const answer = parseSoapResponse(nil, 'authenticate');
    expect(answer.kind === 'result' ? readArrayOfString(answer.result) : answer).toEqual(['t', '']);
    expect(readStringResult(null)).toBeNull();
  });
});

describe('readIntResult', () => {
  it.each([
    ['100', 100],
    [' -3 ', -3],
    ['+7', 7],
  ])('reads %j as an xs:int', (text, value) => {
    expect(readIntResult(parseXmlDocument(`<r>${text}</r>`))).toBe(value);
  });
  it.each(['50.5', '1e2', '', '99999999999'])('refuses %j', (text) => {
    expect(() => readIntResult(parseXmlDocument(`<r>${text}</r>`))).toThrow();
  });
});

describe('parseXmlDocument', () => {
  it('decodes predefined and numeric character references but keeps CDATA literal', () => {
    const doc = parseXmlDocument('<a>x &amp;amp; &lt;y&gt; &#13;&#x0A;&quot;<![CDATA[&amp; <raw>]]></a>');
    expect(doc.text).toBe('x &amp; <y> \r\n"&amp; <raw>');
  });
  it('refuses a DOCTYPE, malformed XML and an unbound prefix', () => {
    expect(() => parseXmlDocument('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toThrow(/DOCTYPE/);
    expect(() => parseXmlDocument('<a><b></a>')).toThrow(/well-formed/);
    expect(() => parseXmlDocument('<a><q:b/></a>')).toThrow(/Unbound/);
    expect(() => decodeXmlText('&nbsp;')).toThrow(/Unknown entity/);
  });
});

describe('buildSoapRequest', () => {
  it('escapes an already-escaped qbXML string exactly once (xmlbuilder2 would otherwise skip &amp;)', () => {
    const qbxml = '<Name>Smith &amp; Sons &#169; &lt;A&gt;</Name>';
    const xml = buildSoapRequest('receiveResponseXML', [['response', qbxml]], { style: 'soap', pretty: false });
    const answer = parseXmlDocument(xml).children[0]?.children[0]?.children[0];
    expect(answer?.text).toBe(qbxml);
    expect(protectAmpersands('a & b')).toBe('a &amp; b');
  });
});
