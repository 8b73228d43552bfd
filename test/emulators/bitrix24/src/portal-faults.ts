/** Injected faults of the portal: the queue tests fill through `injectFault`, which call takes which fault, and the answer a fault produces. */
import { STATUS_CODES } from 'node:http';
import { ApiError } from './api-error.js';
import { errorAnswer, type Answer } from './portal-http.js';
import type { Fault } from './portal-types.js';

/** Fault kinds expressible as a JSON error (also usable inside batch sub-commands). */
export function faultError(kind: Fault['kind']): ApiError | undefined {
  switch (kind) {
    case 'QUERY_LIMIT_EXCEEDED':
      return new ApiError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
    case 'OPERATION_TIME_LIMIT':
      return new ApiError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.');
    case 'INTERNAL_SERVER_ERROR':
      return new ApiError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    case 'NO_AUTH_FOUND':
      return new ApiError(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
    case 'insufficient_scope':
      return new ApiError(403, 'insufficient_scope', 'The request requires higher privileges than provided by the webhook token');
    default:
      return undefined;
  }
}

/** Injected faults, each with the number of calls it still applies to. */
export class FaultQueue {
  private readonly faults: Array<Fault & { left: number }> = [];

  add(f: Fault): void {
    this.faults.push({ ...f, left: f.count });
  }

  /** The fault that hits this call (HTTP request, or a batch sub-command when `inBatch`), counted down. */
  take(method: string, inBatch: boolean): Fault | undefined {
    const f = this.faults.find((x) => {
      if (x.left <= 0 || x.kind === 'lateAnswer') return false;
      if (inBatch) return x.methods !== undefined && x.methods.includes(method) && faultError(x.kind) !== undefined;
      return x.methods === undefined || x.methods.includes(method);
    });
    if (f) f.left -= 1;
    return f;
  }

  /**
   * `lateAnswer` models a portal that processed the request while the client gave up: the cloud runs a REST call
   * for up to 60 s (bitrix24.md §1.4 "Request execution time limit"), far past a client's own timeout, and a
   * client that then resends a create duplicates it (bitrix24.md §9, b24jssdk PR #32). Taken after processing.
   */
  takeLateAnswer(method: string, batchMethods: readonly string[]): Fault | undefined {
    const f = this.faults.find(
      (x) =>
        x.left > 0 && x.kind === 'lateAnswer' && (x.methods === undefined || x.methods.includes(method) || batchMethods.some((m) => x.methods?.includes(m))),
    );
    if (f) f.left -= 1;
    return f;
  }
}

/** The answer of a fault that replaces the call's processing (every kind but `latency`, `timeout` and `lateAnswer`). */
export function faultAnswer(fault: Fault, port: number, url: URL): Answer {
  let a: Answer;
  if (fault.kind === 'html') {
    // Non-JSON bodies happen in the wild (§9, fast_bitrix24#216).
    const status = fault.status ?? 502;
    const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
    a = {
      status,
      contentType: 'text/html; charset=utf-8',
      error: 'html',
      body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
    };
  } else if (fault.kind === 'redirect') {
    // Portal domain change (§1.4): 302 with Location; the "new domain" is this same server.
    a = {
      status: 302,
      body: '',
      contentType: 'text/html; charset=utf-8',
      error: 'redirect',
      headers: { location: `http://127.0.0.1:${port}${url.pathname}${url.search}` },
    };
  } else {
    const e = faultError(fault.kind);
    a = errorAnswer(e ?? new ApiError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
  }
  return a;
}
