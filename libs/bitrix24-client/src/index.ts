export { Bitrix24Client } from './bitrix24-client.js';
export { BATCH_MAX_COMMANDS, LIST_PAGE_SIZE } from './bitrix24-client.types.js';
export type {
  BackoffOptions,
  BatchCommand,
  BatchCommands,
  BatchOptions,
  BatchResult,
  Bitrix24ClientOptions,
  Bitrix24Health,
  Bitrix24LogEvent,
  ListOptions,
  ListPage,
} from './bitrix24-client.types.js';
export { Bitrix24Error, BITRIX24_ERROR_CODES, classifyPortalError, isRetriableCode } from './bitrix24.error.js';
export type { Bitrix24ErrorCode, Bitrix24ErrorInit } from './bitrix24.error.js';
export type * from './bitrix24.types.js';
export { buildMultiFieldPatch } from './build-multi-field-patch.js';
export type { DesiredMultiFieldValue, MultiFieldPatchOptions } from './build-multi-field-patch.js';
export { realSleep, systemClock, VirtualClock } from './clock.js';
export type { Clock, Sleep } from './clock.js';
export { CrmEntityApi } from './crm-entity-api.js';
export type { RestCaller, WriteParams } from './crm-entity-api.js';
export { CrmMethods, FINDBYCOMM_MAX_VALUES } from './crm-methods.js';
export { FetchHttpTransport } from './fetch-http-transport.js';
export type { FetchFunction, FetchHttpTransportOptions } from './fetch-http-transport.js';
export { HttpTransportError } from './http-transport.js';
export type { HttpRequest, HttpResponse, HttpTransport, HttpTransportErrorKind } from './http-transport.js';
export { ENTERPRISE_RATE_LIMIT, LeakyBucket, STANDARD_RATE_LIMIT } from './leaky-bucket.js';
export type { LeakyBucketOptions } from './leaky-bucket.js';
export { maskWebhookUrl } from './mask-webhook-url.js';
export { encodePhpQuery } from './php-query.js';
export type { Bitrix24ParamValue, Bitrix24Params } from './php-query.js';
export { parseEnvelope } from './parse-envelope.js';
