/** Namespace of every QBWC operation element and its children (qbwc.md §2: a wrong one is QBWC1012). */
export const QBWC_NS = 'http://developer.intuit.com/';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export type QbwcParamType = 'string' | 'int';
export type QbwcResultType = 'string' | 'int' | 'ArrayOfString';

export interface QbwcOperationSpec {
  readonly params: readonly { readonly name: string; readonly type: QbwcParamType }[];
  readonly result: QbwcResultType;
}

const s = (name: string): { name: string; type: QbwcParamType } => ({ name, type: 'string' });

/**
 * Every operation QBWC may call, with its parameters in WSDL order (qbwc.md §3). The three interactive
 * operations are not in the circulated WSDLs but are part of the Programmer's Guide (ch.10 pp.71-76).
 */
export const QBWC_OPERATIONS = {
  serverVersion: { params: [s('strVersion')], result: 'string' },
  clientVersion: { params: [s('strVersion')], result: 'string' },
  authenticate: { params: [s('strUserName'), s('strPassword')], result: 'ArrayOfString' },
  sendRequestXML: {
    params: [
      s('ticket'),
      s('strHCPResponse'),
      s('strCompanyFileName'),
      s('qbXMLCountry'),
      { name: 'qbXMLMajorVers', type: 'int' },
      { name: 'qbXMLMinorVers', type: 'int' },
    ],
    result: 'string',
  },
  receiveResponseXML: { params: [s('ticket'), s('response'), s('hresult'), s('message')], result: 'int' },
  connectionError: { params: [s('ticket'), s('hresult'), s('message')], result: 'string' },
  getLastError: { params: [s('ticket')], result: 'string' },
  closeConnection: { params: [s('ticket')], result: 'string' },
  getInteractiveURL: { params: [s('wcTicket'), s('sessionID')], result: 'string' },
  interactiveDone: { params: [s('wcTicket')], result: 'string' },
  interactiveRejected: { params: [s('wcTicket'), s('reason')], result: 'string' },
} as const satisfies Record<string, QbwcOperationSpec>;

export type QbwcOperation = keyof typeof QBWC_OPERATIONS;

export const QBWC_OPERATION_NAMES = Object.keys(QBWC_OPERATIONS) as readonly QbwcOperation[];

export function isQbwcOperation(name: string): name is QbwcOperation {
  return Object.hasOwn(QBWC_OPERATIONS, name);
}
