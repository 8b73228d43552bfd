export type AdminErrorCode = 'NOT_FOUND' | 'INVALID_STATE';

/** A refused admin action (unknown row, row in the wrong state); AdminErrorFilter turns it into 404/409. */
export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}
