/** Why a qbXML request could not be built or a response could not be read. */
export type QbxmlErrorCode =
  | 'INVALID_INPUT'
  | 'EMPTY_REQUIRED_FIELD'
  | 'DOCTYPE_FORBIDDEN'
  | 'MALFORMED_XML'
  | 'NOT_A_QBXML_RESPONSE'
  | 'MISSING_ELEMENT'
  | 'INVALID_VALUE'
  | 'TOO_COMPLEX';

/** The one error type of this library; `path` names the element (e.g. `CustomerAdd/Name`). */
export class QbxmlError extends Error {
  constructor(
    readonly code: QbxmlErrorCode,
    message: string,
    readonly path: string = '',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'QbxmlError';
  }
}
