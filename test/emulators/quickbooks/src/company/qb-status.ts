/** A per-request qbXML status (statusCode/statusSeverity/statusMessage). */
export interface QbStatus {
  readonly code: number;
  readonly severity: 'Info' | 'Warn' | 'Error';
  readonly message: string;
}

export const STATUS_OK: QbStatus = { code: 0, severity: 'Info', message: 'Status OK' };

/** Severity by code range (qbxml.md §1.2, [OSR-codes]): 0–499 Info, 500–999 Warn, ≥1000 Error. Pure. */
export function severityOf(code: number): QbStatus['severity'] {
  if (code < 500) return 'Info';
  if (code < 1000) return 'Warn';
  return 'Error';
}

export function status(code: number, message: string): QbStatus {
  return { code, severity: severityOf(code), message };
}

export const NO_MATCH: QbStatus = status(1, 'A query request did not find a matching object in QuickBooks');
