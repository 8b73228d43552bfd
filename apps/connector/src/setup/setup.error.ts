export type SetupErrorCode = 'BAD_INPUT' | 'SET_BY_ENVIRONMENT' | 'WEBHOOK_UNREACHABLE' | 'WEBHOOK_REFUSED' | 'WEBHOOK_SCOPES';

/** Why the setup page could not test or save a setting; SetupErrorFilter turns it into a JSON answer. Nothing was saved. */
export class SetupError extends Error {
  constructor(
    readonly code: SetupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SetupError';
  }
}
