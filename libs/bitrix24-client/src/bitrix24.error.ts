export const BITRIX24_ERROR_CODES = [
  'AUTH', // webhook code wrong/expired/deleted (401 NO_AUTH_FOUND)
  'SCOPE', // webhook lacks the method's scope (403 insufficient_scope)
  'ACCESS_DENIED', // webhook user lacks permission, plan without REST, …
  'NOT_FOUND', // record does not exist
  'INVALID', // bad parameters / field values / batch misuse
  'METHOD_NOT_FOUND',
  'RATE_LIMITED', // 503 QUERY_LIMIT_EXCEEDED
  'OPERATION_LIMITED', // 429 OPERATION_TIME_LIMIT
  'UNAVAILABLE', // 5xx, overload block, portal deleted
  'TIMEOUT', // no answer within timeoutMs
  'NETWORK', // connection failed
  'BAD_RESPONSE', // not a JSON envelope (HTML error page, truncated body, redirect)
  'PORTAL_ERROR', // any other portal error code
] as const;

export type Bitrix24ErrorCode = (typeof BITRIX24_ERROR_CODES)[number];

export interface Bitrix24ErrorInit {
  readonly code: Bitrix24ErrorCode;
  /** The portal's `error` string ('' for legacy CRM errors; undefined when no envelope was received). */
  readonly portalError?: string;
  /** The portal's `error_description` (or our own text when there was no envelope). */
  readonly message: string;
  readonly method: string;
  readonly retriable: boolean;
  readonly httpStatus?: number;
  /** Batch command key when the error belongs to one command of a batch. */
  readonly commandKey?: string;
}

/** Typed error of every Bitrix24 call. Never carries the webhook URL or its secret code. */
export class Bitrix24Error extends Error {
  readonly code: Bitrix24ErrorCode;
  readonly portalError: string | undefined;
  readonly method: string;
  readonly retriable: boolean;
  readonly httpStatus: number | undefined;
  readonly commandKey: string | undefined;

  constructor(init: Bitrix24ErrorInit, options?: ErrorOptions) {
    super(init.message, options);
    this.name = 'Bitrix24Error';
    this.code = init.code;
    this.portalError = init.portalError;
    this.method = init.method;
    this.retriable = init.retriable;
    this.httpStatus = init.httpStatus;
    this.commandKey = init.commandKey;
  }
}

/** Which codes a retry (after waiting) can fix. */
export function isRetriableCode(code: Bitrix24ErrorCode): boolean {
  switch (code) {
    case 'RATE_LIMITED':
    case 'OPERATION_LIMITED':
    case 'UNAVAILABLE':
    case 'TIMEOUT':
    case 'NETWORK':
    case 'BAD_RESPONSE':
      return true;
    case 'AUTH':
    case 'SCOPE':
    case 'ACCESS_DENIED':
    case 'NOT_FOUND':
    case 'INVALID':
    case 'METHOD_NOT_FOUND':
    case 'PORTAL_ERROR':
      return false;
    default:
      return assertNever(code);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}

const AUTH_CODES = new Set(['NO_AUTH_FOUND', 'EXPIRED_TOKEN', 'INVALID_TOKEN', 'WRONG_AUTH_TYPE', 'METHOD_CONFIRM_WAITING']);
const ACCESS_CODES = new Set(['ACCESS_DENIED', 'INVALID_CREDENTIALS', 'USER_ACCESS_ERROR', 'ALLOWED_ONLY_INTRANET_USER', 'PAYMENT_REQUIRED']);
const NOT_FOUND_CODES = new Set(['NOT_FOUND', 'ERROR_NOT_FOUND']);
const INVALID_CODES = new Set([
  'ERROR_BATCH_LENGTH_EXCEEDED',
  'ERROR_BATCH_METHOD_NOT_ALLOWED',
  'INVALID_REQUEST',
  'INVALID_ARG_VALUE',
  'CRM_FIELD_ERROR_VALUE_NOT_VALID',
  'ERROR_ARGUMENT',
]);
const UNAVAILABLE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'ERROR_UNEXPECTED_ANSWER']);
/** Errors that look like outages but that waiting minutes will not fix (bitrix24.md §1.4). */
const PERMANENT_OUTAGE_CODES = new Set(['OVERLOAD_LIMIT', 'PORTAL_DELETED']);

/**
 * Pure: maps a portal error envelope (or its HTTP status) to a code and retriability, following the
 * system-error table and legacy CRM conventions of bitrix24.md §1.4 and §9.
 */
export function classifyPortalError(httpStatus: number | undefined, portalError: string, description: string): { code: Bitrix24ErrorCode; retriable: boolean } {
  const upper = portalError.toUpperCase();
  const desc = description.toLowerCase();
  const is = (code: Bitrix24ErrorCode): { code: Bitrix24ErrorCode; retriable: boolean } => ({ code, retriable: isRetriableCode(code) });
  if (upper === 'QUERY_LIMIT_EXCEEDED') return is('RATE_LIMITED');
  if (upper === 'OPERATION_TIME_LIMIT') return is('OPERATION_LIMITED');
  if (PERMANENT_OUTAGE_CODES.has(upper)) return { code: 'UNAVAILABLE', retriable: false };
  if (AUTH_CODES.has(upper)) return is('AUTH');
  if (upper === 'INSUFFICIENT_SCOPE') return is('SCOPE');
  if (upper === 'ERROR_METHOD_NOT_FOUND') return is('METHOD_NOT_FOUND');
  if (ACCESS_CODES.has(upper)) return is('ACCESS_DENIED');
  if (NOT_FOUND_CODES.has(upper)) return is('NOT_FOUND');
  if (UNAVAILABLE_CODES.has(upper)) return is('UNAVAILABLE');
  if (INVALID_CODES.has(upper)) return is('INVALID');
  // Legacy crm.* errors: empty code, meaning only in the text ("Not found", "Contact is not found",
  // ERROR_CORE "Element not found", "Access denied") — bitrix24.md §1.4, §8 "deleted entities".
  if (upper === '' || upper === 'ERROR_CORE') {
    if (desc.includes('not found')) return is('NOT_FOUND');
    if (desc.startsWith('access denied')) return is('ACCESS_DENIED');
  }
  if (httpStatus !== undefined) {
    if (httpStatus === 401) return is('AUTH');
    if (httpStatus === 429) return is('OPERATION_LIMITED');
    if (httpStatus === 503) return is('RATE_LIMITED');
    if (httpStatus >= 500) return is('UNAVAILABLE');
    if (httpStatus === 404 && upper === '') return is('METHOD_NOT_FOUND');
    if (httpStatus === 403) return is('ACCESS_DENIED');
    if (httpStatus >= 400) return is('INVALID');
  }
  return is(upper === '' || upper === 'ERROR_CORE' ? 'INVALID' : 'PORTAL_ERROR');
}
