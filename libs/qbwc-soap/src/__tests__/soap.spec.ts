import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildQwc, checkQwc, formatGuid } from '../build-qwc.js';
import { buildSoapFault, buildSoapResponse } from '../build-soap-response.js';
import { buildWsdl } from '../build-wsdl.js';
import { parseSoapRequest } from '../parse-soap-request.js';
import { QBWC_OPERATION_NAMES } from '../qbwc-operations.constant.js';
import { SoapRequestError } from '../soap-request-error.js';

const nsReader = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

describe('parseSoapRequest', () => {
  it('reads parameters by namespace whatever the prefix', () => {
    for (const [open, close] of [
      ['<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>', '</soap:Body></soap:Envelope>'],
      ['<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>', '</SOAP-ENV:Body></SOAP-ENV:Envelope>'],
      ['<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>', '</Body></Envelope>'],
    ]) {
      const call = parseSoapRequest(
        `${open}<ns1:authenticate xmlns:ns1="http://developer.intuit.com/"><ns1:strUserName>u</ns1:strUserName><ns1:strPassword>p&amp;q</ns1:strPassword></ns1:authenticate>${close}`,
      );
      expect(call).toEqual({ operation: 'authenticate', params: { strUserName: 'u', strPassword: 'p&q' } });
    }
  });

  it('treats absent and empty elements as empty strings', () => {
    const call = parseSoapRequest(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><hresult /></receiveResponseXML></s:Body></s:Envelope>',
    );
    expect(call.params).toEqual({ ticket: 't', response: '', hresult: '', message: '' });
  });

  it('unescapes the qbXML payload exactly once, keeping its line breaks', () => {
    const call = parseSoapRequest(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><response>&lt;?xml version="1.0" ?&gt;\r\n&lt;QBXML&gt;&lt;Name&gt;A &amp;amp; B&lt;/Name&gt;&lt;/QBXML&gt;</response></receiveResponseXML></s:Body></s:Envelope>',
    );
    expect(call.params['response']).toBe('<?xml version="1.0" ?>\n<QBXML><Name>A &amp; B</Name></QBXML>');
  });

  it.each([
    ['a DOCTYPE', '<!DOCTYPE a><a/>', 'HOSTILE_XML'],
    ['an ENTITY', '<a><!ENTITY x "y"></a>', 'HOSTILE_XML'],
    ['malformed XML', '<a><b></a>', 'NOT_XML'],
    ['500 nested elements (the parser refuses them itself)', `<a>${'<b>'.repeat(500)}${'</b>'.repeat(500)}</a>`, 'HOSTILE_XML'],
    ['10 000 nested elements (over the element cap)', `<a>${'<b>'.repeat(10_000)}${'</b>'.repeat(10_000)}</a>`, 'TOO_COMPLEX'],
    [
      'an unknown operation',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x xmlns="http://developer.intuit.com/"/></s:Body></s:Envelope>',
      'UNKNOWN_OPERATION',
    ],
    [
      'a foreign namespace',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><getLastError xmlns="urn:x"/></s:Body></s:Envelope>',
      'WRONG_NAMESPACE',
    ],
  ])('refuses %s', (_label, body, code) => {
    expect(() => parseSoapRequest(body)).toThrow(SoapRequestError);
    try {
      parseSoapRequest(body);
    } catch (err) {
      expect((err as SoapRequestError).code).toBe(code);
    }
  });
});

describe('buildSoapResponse', () => {
  it('puts authenticate strings in the Intuit namespace (a foreign one is QBWC1012)', () => {
    const xml = buildSoapResponse('authenticate', ['t-1', 'nvu']);
    const parsed = nsReader.parse(xml) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    const resp = parsed['soap:Envelope']?.['soap:Body']?.['authenticateResponse'];
    expect(resp?.['@xmlns']).toBe('http://developer.intuit.com/');
    expect(resp?.['authenticateResult']).toEqual({ string: ['t-1', 'nvu'] });
    expect(xml).not.toContain('xmlns:a=');
  });

  it('round-trips a qbXML string holding entities exactly (xmlbuilder2 would leave &amp; unescaped)', () => {
    const qbxml = '<?xml version="1.0"?><QBXML><Name>Smith &amp; Sons &#233; &lt;x&gt;</Name></QBXML>';
    const envelope = buildSoapResponse('sendRequestXML', qbxml)
      .replace('sendRequestXMLResponse', 'sendRequestXML')
      .replace('</sendRequestXMLResponse>', '</sendRequestXML>')
      .replace(/sendRequestXMLResult/g, 'strHCPResponse');
    expect(parseSoapRequest(envelope).params['strHCPResponse']).toBe(qbxml);
  });

  it('escapes a qbXML string once and refuses a non-integer progress', () => {
    expect(buildSoapResponse('sendRequestXML', '<?xml version="1.0"?><QBXML/>')).toContain('&lt;?xml version="1.0"?&gt;&lt;QBXML/&gt;');
    expect(() => buildSoapResponse('receiveResponseXML', 50.5)).toThrow(TypeError);
    expect(buildSoapResponse('receiveResponseXML', -3)).toContain('<receiveResponseXMLResult>-3</receiveResponseXMLResult>');
  });

  it('builds a SOAP 1.1 fault with unqualified children', () => {
    expect(buildSoapFault('Client', 'bad')).toContain('<soap:Fault><faultcode>soap:Client</faultcode><faultstring>bad</faultstring></soap:Fault>');
  });
});

describe('buildWsdl', () => {
  it('declares every operation with its SOAPAction and the requested address', () => {
    const wsdl = buildWsdl('https://connector.example.com/qbwc');
    for (const op of QBWC_OPERATION_NAMES) expect(wsdl).toContain(`soapAction="http://developer.intuit.com/${op}"`);
    expect(wsdl).toContain('location="https://connector.example.com/qbwc"');
  });
});

describe('.qwc files', () => {
  const base = {
    appName: 'App',
    appUrl: 'https://sync.example.com/qbwc',
    appSupportUrl: 'https://sync.example.com/health',
    appDescription: 'd',
    userName: 'qbconnector',
    ownerId: formatGuid(new Uint8Array(16).fill(7)),
    fileId: formatGuid(new Uint8Array(16).fill(9)),
  };

  it('formats braced upper-case GUIDs', () => {
    expect(base.ownerId).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
  });

  it('contains every element Web Connector requires', () => {
    const xml = buildQwc({ ...base, runEveryMinutes: 15 });
    for (const el of ['AppName', 'AppID', 'AppURL', 'AppDescription', 'AppSupport', 'UserName', 'OwnerID', 'FileID', 'QBType']) {
      expect(xml).toContain(`<${el}`);
    }
    expect(xml).toContain('<RunEveryNMinutes>15</RunEveryNMinutes>');
  });

  it('flags what Web Connector would refuse', () => {
    expect(checkQwc(base)).toEqual([]);
    expect(checkQwc({ ...base, appUrl: 'http://localhost:8080/qbwc', appSupportUrl: 'http://localhost:8080/health' })).toEqual([]);
    expect(checkQwc({ ...base, appUrl: 'http://sync.example.com/qbwc', appSupportUrl: 'http://sync.example.com/h' })).toEqual(['APP_URL_NOT_HTTPS']);
    expect(checkQwc({ ...base, appUrl: 'https://10.0.0.1/qbwc', appSupportUrl: 'https://10.0.0.1/h' })).toContain('APP_URL_IS_IP');
    expect(checkQwc({ ...base, appSupportUrl: 'https://other.example.com/' })).toContain('SUPPORT_HOST_DIFFERS');
    expect(checkQwc({ ...base, ownerId: 'nope' })).toContain('BAD_GUID');
  });
});
