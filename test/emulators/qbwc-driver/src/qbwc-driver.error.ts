import { QBWC_ERROR_MESSAGES, type QbwcErrorCode } from './qbwc-error-code.js';

/** Raised where real QBWC refuses to go on (QWC loading); `code` is the QBWC code it would show. */
export class QbwcDriverError extends Error {
  constructor(
    readonly code: QbwcErrorCode,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`${code}: ${QBWC_ERROR_MESSAGES[code]} ${detail}`.trim(), options);
    this.name = 'QbwcDriverError';
  }
}
