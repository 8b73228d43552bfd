// Contract between the QuickBooks company emulator and the Web Connector driver. It is declared
// identically (structurally) in @qb-b24/quickbooks-emulator so neither package imports the other's
// internals; keep the two copies in sync.

export type QbProcessResult =
  | { readonly ok: true; readonly response: string } // qbXML response document
  | { readonly ok: false; readonly hresult: string; readonly message: string }; // e.g. 0x80040400 parse error

export interface QuickBooksRequestProcessor {
  /** Full Windows path of the open company file, e.g. C:\Users\Public\Documents\Intuit\QuickBooks\Company Files\Sample Company.QBW */
  readonly companyFilePath: string;
  /** OpenConnection+BeginSession. requestedPath '' = the file open now; another path must equal companyFilePath
   *  (case-insensitive) or it fails like QuickBooks (hresult 0x80040408 "Could not start QuickBooks." or similar). */
  openSession(requestedPath: string): Promise<{ readonly ok: true } | { readonly ok: false; readonly hresult: string; readonly message: string }>;
  /** strHCPResponse: HostQueryRs + CompanyQueryRs + PreferencesQueryRs (requestID 0,1,2) as QuickBooks answers them,
   *  CompanyRet carrying DataExtRet FileID under ownerId (see qbwc.md §5.4, §10; qbwc/qbwc test_helper.rb fixture). */
  hcpResponse(ownerId: string, fileId: string): string;
  /** Runs one qbXML request message set (as QBWC's ProcessRequest). May hang when a fault is injected. */
  processRequest(qbxmlRequest: string): Promise<QbProcessResult>;
  /** EndSession/CloseConnection: iterators die here (they are valid only within one session). */
  closeSession(): Promise<void>;
}
