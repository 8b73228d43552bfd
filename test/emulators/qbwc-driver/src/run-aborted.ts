/** The error that aborts a run the way QBWC would, and which QBWC code each failing callback raises. */
import { QBWC_ERROR_MESSAGES, type QbwcErrorCode } from './qbwc-error-code.js';
import type { QbwcOperation } from './soap/soap-constants.js';

/** Which QBWC code a failing callback raises (qbwc.md §7, PG App. A). serverVersion has none. */
export const FAILURE_CODE: Readonly<Record<QbwcOperation, QbwcErrorCode | null>> = {
  serverVersion: null,
  clientVersion: 'QBWC1036',
  authenticate: 'QBWC1012',
  sendRequestXML: 'QBWC1041',
  receiveResponseXML: 'QBWC1042',
  getLastError: 'QBWC1043',
  closeConnection: 'QBWC1044',
  connectionError: 'QBWC1045',
};

/** Raised inside a run when QBWC would abort it; turned into an `error` SessionResult. */
export class RunAborted extends Error {
  constructor(
    readonly code: QbwcErrorCode | undefined,
    detail: string,
  ) {
    super(code === undefined ? detail : `${code}: ${QBWC_ERROR_MESSAGES[code]} ${detail}`);
    this.name = 'RunAborted';
  }
}
