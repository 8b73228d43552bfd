import { Bitrix24Error, classifyPortalError } from './bitrix24.error.js';
import type { Bitrix24Response, Bitrix24Time } from './bitrix24.types.js';
import type { HttpResponse } from './http-transport.js';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** PHP serialises an empty associative array as `[]` (bitrix24.md §3, §8): accept both as a map. */
export function asMap(v: unknown): Record<string, unknown> {
  if (isRecord(v)) return v;
  return {};
}

/**
 * Pure: turns one HTTP response into a success envelope or a typed `Bitrix24Error`
 * (returned, not thrown, so the retry loop decides). Non-JSON bodies (HTML error pages seen in the
 * wild, bitrix24.md §9) become retriable `BAD_RESPONSE`/`UNAVAILABLE`.
 */
export function parseEnvelope(method: string, res: HttpResponse): Bitrix24Response<unknown> | Bitrix24Error {
  if (res.status >= 300 && res.status < 400) {
    // 302 = portal domain changed (bitrix24.md §1.4). Location is not echoed: it carries the webhook path.
    return new Bitrix24Error({
      code: 'UNAVAILABLE',
      message: `portal answered HTTP ${res.status} (domain changed?); update the webhook URL`,
      method,
      retriable: false,
      httpStatus: res.status,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    // Not JSON: classify by status alone; the body may be an HTML page, never shown in full.
    return new Bitrix24Error({
      code: res.status >= 500 ? 'UNAVAILABLE' : 'BAD_RESPONSE',
      message: `non-JSON response (HTTP ${res.status}, ${res.headers['content-type'] ?? 'no content-type'})`,
      method,
      retriable: true,
      httpStatus: res.status,
    });
  }
  if (isRecord(json) && typeof json['error'] === 'string') {
    const portalError = json['error'];
    const description = typeof json['error_description'] === 'string' ? json['error_description'] : portalError;
    const { code, retriable } = classifyPortalError(res.status, portalError, description);
    return new Bitrix24Error({ code, portalError, message: description, method, retriable, httpStatus: res.status });
  }
  if (res.status === 200 && isRecord(json) && 'result' in json) {
    const out: { result: unknown; total?: number; next?: number; time?: Bitrix24Time } = { result: json['result'] };
    const total = json['total'];
    const next = json['next'];
    if (typeof total === 'number') out.total = total;
    if (typeof next === 'number') out.next = next;
    if (isRecord(json['time'])) out.time = parseTime(json['time']);
    return out;
  }
  const { code, retriable } = classifyPortalError(res.status, '', '');
  return new Bitrix24Error({
    code: res.status === 200 ? 'BAD_RESPONSE' : code,
    message: `unexpected response shape (HTTP ${res.status})`,
    method,
    retriable: res.status === 200 ? true : retriable,
    httpStatus: res.status,
  });
}

function parseTime(t: Record<string, unknown>): Bitrix24Time {
  const out: { -readonly [K in keyof Bitrix24Time]: Bitrix24Time[K] } = {};
  for (const k of ['start', 'finish', 'duration', 'processing', 'operating_reset_at', 'operating'] as const) {
    const v = t[k];
    if (typeof v === 'number') out[k] = v;
  }
  for (const k of ['date_start', 'date_finish'] as const) {
    const v = t[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}
