/** Why an HTTP body is not a QBWC call we can answer; becomes a SOAP 1.1 Fault at the edge. */
export type SoapRequestErrorCode =
  | 'NOT_XML'
  | 'HOSTILE_XML'
  | 'NOT_SOAP_ENVELOPE'
  | 'NO_BODY'
  | 'UNKNOWN_OPERATION'
  | 'WRONG_NAMESPACE'
  | 'BAD_PARAMETER'
  | 'TOO_COMPLEX';

export class SoapRequestError extends Error {
  constructor(
    readonly code: SoapRequestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SoapRequestError';
  }
}
