import { describe, expect, it } from 'vitest';
import { peekSoapCall, peekSoapOperation } from '../peek-soap-operation.js';
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
    [
      'comments, PIs and whitespace between tags',
      `${DECL}\n<!-- <authenticate> --><s:Envelope xmlns:s="${SOAP}">\n <?pi <authenticate>?> <s:Body>\n\t<!-- x --><receiveResponseXML>`,
    ],
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

describe('peekSoapCall reads the ticket of a large request from its first bytes', () => {
  const TICKET = '0b4f1c2e-9a7d-4e21-8c3a-5f6e7d8c9b0a';

  it.each([
    ['the Web Connector envelope', `${QBWC_OPEN}<receiveResponseXML xmlns="${QBWC}"><ticket>${TICKET}</ticket><response>&lt;QBXML`],
    ['prefixed parameters', `<s:Envelope xmlns:s="${SOAP}"><s:Body><q:sendRequestXML xmlns:q="${QBWC}"><q:ticket>${TICKET}</q:ticket>`],
    ['a ticket after another parameter', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML><hresult/><ticket>${TICKET}</ticket>`],
    [
      'a Header holding its own ticket element',
      `<s:Envelope xmlns:s="${SOAP}"><s:Header><a><ticket>forged</ticket></a></s:Header><s:Body><receiveResponseXML><ticket>${TICKET}</ticket>`,
    ],
  ])('finds the operation and the ticket in %s', (_name, prefix) => {
    expect(peekSoapCall(prefix)).toEqual({ operation: expect.stringMatching(/RequestXML|ResponseXML/), ticket: TICKET });
  });

  it('reads an empty ticket element as an empty ticket', () => {
    expect(peekSoapCall(`<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML><ticket/><response>`).ticket).toBe('');
  });

  it.each([
    ['a prefix that ends inside the ticket', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML><ticket>0b4f1c2e-9a7d`],
    ['a ticket nested below another parameter', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML><response><ticket>${TICKET}</ticket>`],
    ['a ticket after the operation ends', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML></receiveResponseXML><ticket>${TICKET}</ticket>`],
    ['a ticket holding markup', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML><ticket>a<b/>c</ticket>`],
    ['a ticket of 10 KiB', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML><ticket>${'t'.repeat(10_240)}</ticket>`],
    ['no ticket at all', `<s:Envelope xmlns:s="${SOAP}"><s:Body><receiveResponseXML><response>${'x'.repeat(100)}`],
  ])('finds the operation but no ticket in %s', (_name, prefix) => {
    const peek = peekSoapCall(prefix);
    expect(peek.operation).toBe('receiveResponseXML');
    expect(peek.ticket).toBeUndefined();
  });

  it('finds nothing in a document whose root is not an Envelope', () => {
    expect(peekSoapCall(`<receiveResponseXML><ticket>${TICKET}</ticket>`)).toEqual({});
  });
});
