export type ReconcileErrorCode = 'BITRIX24_NOT_CONFIGURED' | 'BITRIX24_UNAVAILABLE' | 'BITRIX24_TOO_SLOW';

/** Why GET /admin/reconcile could not compare against Bitrix24; ReconcileErrorFilter turns it into 503. */
export class ReconcileError extends Error {
  constructor(
    readonly code: ReconcileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReconcileError';
  }
}
