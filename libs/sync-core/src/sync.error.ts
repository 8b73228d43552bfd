export type SyncErrorCode = 'INVALID_INPUT' | 'MAPPING_MISSING' | 'QB_STATUS' | 'B24_RATE_LIMITED' | 'B24_AUTH';

/** The domain error of the sync core (STYLE §2.5); the edges translate `code`, never the message. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SyncError';
  }
}
