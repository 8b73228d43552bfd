import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { QBWC_NS, QBWC_OPERATIONS, QBWC_OPERATION_NAMES } from './qbwc-operations.constant.js';

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const WSDL_SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';

/**
 * The service WSDL, modelled on data/qbwc/QBWebConnectorSvc.wsdl (document/literal, SOAP 1.1,
 * elementFormDefault qualified) plus the interactive operations, with `soap:address` set to `address`. Pure.
 */
export function buildWsdl(address: string): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const defs = doc
    .ele(WSDL_NS, 'wsdl:definitions')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:soap', WSDL_SOAP_NS)
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:s', XSD_NS)
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:tns', QBWC_NS)
    .att('targetNamespace', QBWC_NS);

  const schema = defs.ele(WSDL_NS, 'wsdl:types').ele(XSD_NS, 's:schema').att('elementFormDefault', 'qualified').att('targetNamespace', QBWC_NS);
  for (const op of QBWC_OPERATION_NAMES) {
    const spec = QBWC_OPERATIONS[op];
    const reqSeq = schema.ele(XSD_NS, 's:element').att('name', op).ele(XSD_NS, 's:complexType').ele(XSD_NS, 's:sequence');
    for (const p of spec.params) {
      reqSeq
        .ele(XSD_NS, 's:element')
        .att('minOccurs', p.type === 'int' ? '1' : '0')
        .att('maxOccurs', '1')
        .att('name', p.name)
        .att('type', p.type === 'int' ? 's:int' : 's:string');
    }
    const resSeq = schema.ele(XSD_NS, 's:element').att('name', `${op}Response`).ele(XSD_NS, 's:complexType').ele(XSD_NS, 's:sequence');
    const resultEl = resSeq
      .ele(XSD_NS, 's:element')
      .att('minOccurs', spec.result === 'int' ? '1' : '0')
      .att('maxOccurs', '1');
    resultEl.att('name', `${op}Result`);
    resultEl.att('type', spec.result === 'int' ? 's:int' : spec.result === 'ArrayOfString' ? 'tns:ArrayOfString' : 's:string');
  }
  schema
    .ele(XSD_NS, 's:complexType')
    .att('name', 'ArrayOfString')
    .ele(XSD_NS, 's:sequence')
    .ele(XSD_NS, 's:element')
    .att('minOccurs', '0')
    .att('maxOccurs', 'unbounded')
    .att('name', 'string')
    .att('nillable', 'true')
    .att('type', 's:string');

  for (const op of QBWC_OPERATION_NAMES) {
    message(defs, `${op}SoapIn`, op);
    message(defs, `${op}SoapOut`, `${op}Response`);
  }
  const portType = defs.ele(WSDL_NS, 'wsdl:portType').att('name', 'QBWebConnectorSvcSoap');
  for (const op of QBWC_OPERATION_NAMES) {
    const o = portType.ele(WSDL_NS, 'wsdl:operation').att('name', op);
    o.ele(WSDL_NS, 'wsdl:input').att('message', `tns:${op}SoapIn`);
    o.ele(WSDL_NS, 'wsdl:output').att('message', `tns:${op}SoapOut`);
  }
  const binding = defs.ele(WSDL_NS, 'wsdl:binding').att('name', 'QBWebConnectorSvcSoap').att('type', 'tns:QBWebConnectorSvcSoap');
  binding.ele(WSDL_SOAP_NS, 'soap:binding').att('transport', 'http://schemas.xmlsoap.org/soap/http').att('style', 'document');
  for (const op of QBWC_OPERATION_NAMES) {
    const o = binding.ele(WSDL_NS, 'wsdl:operation').att('name', op);
    o.ele(WSDL_SOAP_NS, 'soap:operation').att('soapAction', `${QBWC_NS}${op}`).att('style', 'document');
    o.ele(WSDL_NS, 'wsdl:input').ele(WSDL_SOAP_NS, 'soap:body').att('use', 'literal');
    o.ele(WSDL_NS, 'wsdl:output').ele(WSDL_SOAP_NS, 'soap:body').att('use', 'literal');
  }
  defs
    .ele(WSDL_NS, 'wsdl:service')
    .att('name', 'QBWebConnectorSvc')
    .ele(WSDL_NS, 'wsdl:port')
    .att('name', 'QBWebConnectorSvcSoap')
    .att('binding', 'tns:QBWebConnectorSvcSoap')
    .ele(WSDL_SOAP_NS, 'soap:address')
    .att('location', address);
  return doc.end({ prettyPrint: true });
}

function message(defs: XMLBuilder, name: string, element: string): void {
  defs.ele(WSDL_NS, 'wsdl:message').att('name', name).ele(WSDL_NS, 'wsdl:part').att('name', 'parameters').att('element', `tns:${element}`);
}
