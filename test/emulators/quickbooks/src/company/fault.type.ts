/** A fault to inject into the next calls (qbxml.md §10 item 31). */
export type FaultSpec =
  /** The next N requests (inside message sets) are answered with this status instead of running, e.g. 3170/3180 record in use. */
  | { readonly statusCode: number; readonly statusMessage?: string }
  /** The next N processRequest calls (or openSession calls with `on: 'openSession'`) fail with this HRESULT. */
  | { readonly hresult: string; readonly message: string; readonly on?: 'processRequest' | 'openSession' }
  /** The next N processRequest calls never resolve until `releaseHangs()`; then they run normally. */
  | { readonly hang: true };

export const HRESULT_PARSE_ERROR = { hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' } as const;
export const HRESULT_CANNOT_START = { hresult: '0x80040408', message: 'Could not start QuickBooks.' } as const;
/** Company file not open: 0x80040416/0x80040417 per third-party listings (qbwc.md §12, unconfirmed). */
export const HRESULT_FILE_NOT_OPEN = {
  hresult: '0x80040416',
  message: 'If QuickBooks is not running, a company file name must be passed to BeginSession.',
} as const;
