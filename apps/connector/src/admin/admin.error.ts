export type AdminErrorCode = 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_MAPPING';

/** A refused admin action (unknown row, row in the wrong state, a candidate mapping that does not fit); AdminErrorFilter turns it into 404/409/400. */
export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}
