import { describe, expect, it } from 'vitest';
import { peekSoapOperation } from '../peek-soap-operation.js';
import { SMALL_SOAP_BODY_BYTES, soapBodyLimit } from '../soap-body-limit.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';
const QBWC = 'http://developer.intuit.com/';
const DECL = '<?xml version="1.0" encoding="utf-8"?>';
// What the Web Connector itself sends (qbwc.md §2): soap prefix, xsi/xsd declared, no Header.
const QBWC_OPEN = `${DECL}<soap:Envelope xmlns:soap="${SOAP}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>`;

describe('peekSoapOperation', () => {
  it.each([
    ['the Web Connector envelope', `${QBWC_OPEN}<receiveResponseXML xmlns="${QBWC}"><ticket>t</ticket><response>`],
    ['another prefix', `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${SOAP}"><SOAP-ENV:Body><ns1:receiveResponseXML xmlns:ns1="${QBWC}">`],
    ['a default namespace and no prefix', `<Envelope xmlns="${SOAP}"><Body><receiveResponseXML xmlns="${QBWC}"/></Body></Envelope>`],
    ['a Header with nested elements first', `<s:Envelope xmlns:s="${SOAP}"><s:Header><a><b x="1"/></a></s:Header><s:Body><receiveResponseXML>`],
    ['comments, PIs and whitespace between tags', `${DECL}\n<!-- <authenticate> --><s:Envelope xmlns:s="${SOAP}">\n <?pi <authenticate>?> <s:Body>\n\t<!-- x --><receiveResponseXML>`],
    ['a > and a tag inside quoted attribute values', `<s:Envelope xmlns:s="${SOAP}" a="x>y" b='<authenticate>'><s:Body c=">"><receiveResponseXML>`],
    ['an operation tag cut off after its name', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML xmlns="${QBWC}" a="`],
  ])('finds the operation in %s', (_name, prefix) => {
    expect(peekSoapOperation(prefix)).toBe('receiveResponseXML');
  });

  it('returns the first Body child even when it is not a QBWC operation', () => {
    expect(peekSoapOperation(`<s:Envelope xmlns:s="${SOAP}"><s:Body><dropTables/><receiveResponseXML/>`)).toBe('dropTables');
  });

  it('does not take an element inside the Header for the operation', () => {
    expect(peekSoapOperation(`<s:Envelope xmlns:s="${SOAP}"><s:Header><receiveResponseXML/></s:Header><s:Body><authenticate>`)).toBe('authenticate');
  });

  it.each([
    ['an empty string', ''],
    ['text that is not XML', 'strUserName=qb&strPassword=x'],
    ['a root that is not an Envelope', `<receiveResponseXML><ticket/></receiveResponseXML>`],
    ['a DOCTYPE', `${DECL}<!DOCTYPE x [<!ENTITY a "b">]><s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML>`],
    ['a prefix that ends inside the operation name', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResp`],
    ['a prefix that ends inside an attribute value of the Envelope', `<s:Envelope xmlns:s="${SOAP}" pad="${'x'.repeat(100)}`],
    ['a prefix that ends inside an unterminated comment', `<s:Envelope xmlns:s="${SOAP}"><!-- <s:Body><receiveResponseXML>`],
    ['an empty Body', `<s:Envelope xmlns:s="${SOAP}"><s:Body/></s:Envelope>`],
    ['an Envelope without a Body', `<s:Envelope xmlns:s="${SOAP}"><s:Header/></s:Envelope><receiveResponseXML/>`],
    ['UTF-16 read as UTF-8', Buffer.from(`<s:Envelope><s:Body><receiveResponseXML>`, 'utf16le').toString('utf8')],
  ])('sees no operation in %s', (_name, prefix) => {
    expect(peekSoapOperation(prefix)).toBeUndefined();
  });
});

describe('soapBodyLimit', () => {
  const max = 32 * 1024 * 1024;
  it('lets the two qbXML-carrying operations use the configured maximum', () => {
    expect(soapBodyLimit('sendRequestXML', max)).toBe(max);
    expect(soapBodyLimit('receiveResponseXML', max)).toBe(max);
  });

  it.each(['authenticate', 'serverVersion', 'closeConnection', 'dropTables', '__proto__', undefined])('limits %s to 64 KiB', (op) => {
    expect(soapBodyLimit(op, max)).toBe(64 * 1024);
  });

  it('never exceeds a configured maximum below 64 KiB', () => {
    expect(soapBodyLimit('authenticate', 1000)).toBe(1000);
    expect(SMALL_SOAP_BODY_BYTES).toBe(65_536);
  });
});
