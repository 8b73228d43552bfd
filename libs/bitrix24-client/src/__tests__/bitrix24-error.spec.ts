import { describe, expect, it } from 'vitest';
import { classifyPortalError, type Bitrix24ErrorCode } from '../bitrix24.error.js';

// Batch sub-command errors carry no HTTP status, so the code/description alone must classify them.
describe('classifyPortalError', () => {
  it.each<[number | undefined, string, string, Bitrix24ErrorCode, boolean]>([
    [undefined, 'QUERY_LIMIT_EXCEEDED', 'Too many requests', 'RATE_LIMITED', true],
    [undefined, 'OPERATION_TIME_LIMIT', 'Method is blocked', 'OPERATION_LIMITED', true],
    [undefined, 'insufficient_scope', '', 'SCOPE', false],
    [undefined, 'expired_token', 'The access token provided has expired', 'AUTH', false],
    [undefined, '', 'Access denied', 'ACCESS_DENIED', false],
    [undefined, '', 'Not found', 'NOT_FOUND', false],
    [undefined, 'NOT_FOUND', 'Item not found', 'NOT_FOUND', false],
    [undefined, '', 'ID is not defined or invalid.', 'INVALID', false],
    [undefined, 'ERROR_CORE', 'Discount Sum (DISCOUNT_SUM) is required<br>', 'INVALID', false],
    [undefined, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage', 'INVALID', false],
    [undefined, 'SOME_NEW_CODE', 'x', 'PORTAL_ERROR', false],
    [undefined, 'INTERNAL_SERVER_ERROR', 'Internal server error', 'UNAVAILABLE', true],
    [405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage', 'INVALID', false],
    [500, 'PORTAL_DELETED', 'Portal was deleted', 'UNAVAILABLE', false],
    [400, 'CRM_FIELD_ERROR_VALUE_NOT_VALID', 'Invalid value for field "x"', 'INVALID', false],
    [502, 'SOMETHING_NEW', 'x', 'UNAVAILABLE', true],
    [403, 'INVALID_CREDENTIALS', 'Invalid request credentials', 'ACCESS_DENIED', false],
    [400, 'Communication type is not defined', "Parameter 'type' is required.", 'INVALID', false],
  ])('status %s error %j "%s" → %s (retriable %s)', (status, code, description, expected, retriable) => {
    expect(classifyPortalError(status, code, description)).toEqual({ code: expected, retriable });
  });
});
