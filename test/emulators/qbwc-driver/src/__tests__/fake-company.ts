// A trivial QuickBooks request processor honouring the emulator contract, for the driver's tests.
import { XMLValidator } from 'fast-xml-parser';
import { create } from 'xmlbuilder2';
import type { QbProcessResult, QuickBooksRequestProcessor } from '../quickbooks-request-processor.js';

export const COMPANY_PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW';
export const PARSE_ERROR_HRESULT = '0x80040400';
export const PARSE_ERROR_MESSAGE = 'QuickBooks found an error when parsing the provided XML text stream.';

/** A response that needs escaping inside SOAP: an ampersand, angle brackets in text, and newlines. */
export const CUSTOMER_RESPONSE =
  '<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n<CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">' +
  '<CustomerRet><ListID>80000001-1</ListID><Name>Smith &amp; Sons &lt;West&gt;</Name></CustomerRet></CustomerQueryRs>\n</QBXMLMsgsRs>\n</QBXML>\n';

export class FakeCompany implements QuickBooksRequestProcessor {
  readonly companyFilePath = COMPANY_PATH;
  readonly requests: string[] = [];
  readonly openedWith: string[] = [];
  closeSessionCalls = 0;
  /** Number of upcoming openSession calls that fail regardless of the path. */
  failNextOpens = 0;

  async openSession(requestedPath: string): Promise<{ ok: true } | { ok: false; hresult: string; message: string }> {
    this.openedWith.push(requestedPath);
    if (this.failNextOpens > 0) {
      this.failNextOpens--;
      return { ok: false, hresult: '0x80040408', message: 'Could not start QuickBooks.' };
    }
    if (requestedPath !== '' && requestedPath.toLowerCase() !== COMPANY_PATH.toLowerCase()) {
      return { ok: false, hresult: '0x80040408', message: 'Could not start QuickBooks.' };
    }
    return { ok: true };
  }

  hcpResponse(ownerId: string, fileId: string): string {
    const doc = create({ version: '1.0' });
    const rs = doc.ele('QBXML').ele('QBXMLMsgsRs');
    rs.ele('HostQueryRs', { requestID: '0', statusCode: '0', statusSeverity: 'Info', statusMessage: 'Status OK' })
      .ele('HostRet')
      .ele('ProductName')
      .txt('QuickBooks Pro 2014');
    rs.ele('CompanyQueryRs', { requestID: '1', statusCode: '0', statusSeverity: 'Info', statusMessage: 'Status OK' })
      .ele('CompanyRet')
      .ele('CompanyName')
      .txt('Sample Company')
      .up()
      .ele('DataExtRet')
      .ele('OwnerID')
      .txt(ownerId)
      .up()
      .ele('DataExtName')
      .txt('FileID')
      .up()
      .ele('DataExtType')
      .txt('STR255TYPE')
      .up()
      .ele('DataExtValue')
      .txt(fileId);
    rs.ele('PreferencesQueryRs', { requestID: '2', statusCode: '0', statusSeverity: 'Info', statusMessage: 'Status OK' });
    return doc.end();
  }

  async processRequest(qbxmlRequest: string): Promise<QbProcessResult> {
    this.requests.push(qbxmlRequest);
    if (XMLValidator.validate(qbxmlRequest) !== true) {
      return { ok: false, hresult: PARSE_ERROR_HRESULT, message: PARSE_ERROR_MESSAGE };
    }
    return { ok: true, response: CUSTOMER_RESPONSE };
  }

  async closeSession(): Promise<void> {
    this.closeSessionCalls++;
  }
}

export const CUSTOMER_QUERY =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
  '<CustomerQueryRq requestID="1"><MaxReturned>100</MaxReturned><NameFilter><MatchCriterion>Contains</MatchCriterion><Name>Smith &amp; Sons</Name></NameFilter></CustomerQueryRq></QBXMLMsgsRq></QBXML>';
