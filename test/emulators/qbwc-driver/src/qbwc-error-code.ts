/**
 * QBWC error codes the driver can raise, with the message QBWC shows (abridged from the
 * Programmer's Guide App. A, see shared/reference/qbwc.md §7).
 */
export const QBWC_ERROR_MESSAGES = {
  QBWC1000: 'The domain names for the service URL and the support URL do not match.',
  QBWC1001: 'The service URL is an IP address; the application will not be loaded.',
  QBWC1002: 'The support URL is an IP address; the application will not be loaded.',
  QBWC1003: 'The support URL (AppSupport) could not be reached (HTTP status was not 200/202).',
  QBWC1004: 'The support URL could not be reached.',
  QBWC1010: 'Only SSL (https) based applications are allowed unless the AppURL is on localhost.',
  QBWC1012: 'Authentication failed due to error message.',
  QBWC1013: 'Error connecting to QuickBooks. Returning error message to application.',
  QBWC1036: 'Error countered during version check.',
  QBWC1037: 'Application sent error or warning message when checking version. Update aborted.',
  QBWC1039: 'There was a problem adding the application to registry.',
  QBWC1041: 'SendRequestXML failed due to error message.',
  QBWC1042: 'ReceiveResponseXML failed.',
  QBWC1043: 'GetLastError failed.',
  QBWC1044: 'CloseConnection failed.',
  QBWC1045: 'ConnectionError failed.',
  QBWC1046: 'Incorrect syntax return value for clientVersion().',
} as const;

export type QbwcErrorCode = keyof typeof QBWC_ERROR_MESSAGES;
