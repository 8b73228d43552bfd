import type { HttpResponse } from '../http-transport.js';

/** A request as the fake server saw it, with the REST method and JSON body already decoded. */
export interface RecordedRequest {
  readonly request: { readonly method: string; readonly url: string; readonly headers: Readonly<Record<string, string>>; readonly body?: string };
  /** `crm.contact.add` for `…/rest/1/code/crm.contact.add.json`. */
  readonly restMethod: string;
  /** Parsed JSON body (undefined when absent or not JSON). */
  readonly body: unknown;
}

/** One scripted answer: a response, no answer in time (`timeout`), or a connection reset (`network`). */
export type FakeAnswer = HttpResponse | 'timeout' | 'network';
export type FakeRoute = (req: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

/**
 * Hand-written fake server behind `fetch`, for unit tests of the client: the client talks to it through the real
 * `FetchHttpTransport` (the `fetch` option). Answers from a FIFO queue first, then from a route function, else
 * 404 ERROR_METHOD_NOT_FOUND. Failures are thrown exactly as Node's fetch throws them, so the transport's own
 * classification is what the tests exercise.
 */
export class FakeFetch {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: FakeAnswer[] = [];

  constructor(private route?: FakeRoute) {}

  /** Queue answers consumed one per request, before the route is asked. */
  enqueue(...answers: FakeAnswer[]): this {
    this.queue.push(...answers);
    return this;
  }

  setRoute(route: FakeRoute): this {
    this.route = route;
    return this;
  }

  /** REST method names of all requests so far, in order. */
  get methods(): string[] {
    return this.requests.map((r) => r.restMethod);
  }

  /** The `fetch` function to hand to `FetchHttpTransport`. */
  readonly fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const raw = typeof init.body === 'string' ? init.body : undefined;
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const recorded: RecordedRequest = {
      request: { method: init.method ?? 'GET', url, headers, ...(raw === undefined ? {} : { body: raw }) },
      restMethod: restMethodOf(url),
      body: parseJson(raw),
    };
    this.requests.push(recorded);
    const answer = this.queue.shift() ?? (this.route ? await this.route(recorded) : FakeFetch.error(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'));
    // What Node's fetch rejects with when `AbortSignal.timeout` fires…
    if (answer === 'timeout') throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    // …and when the peer resets the connection (undici wraps the socket error as the cause).
    if (answer === 'network') throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  };

  static json(body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse {
    return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
  }

  /** Success envelope `{result, total?, next?, time}`. */
  static ok(result: unknown, extra: { total?: number; next?: number; time?: Record<string, unknown> } = {}): HttpResponse {
    return FakeFetch.json({ result, ...extra, time: extra.time ?? { start: 0, finish: 0, duration: 0 } });
  }

  static error(status: number, error: string, description: string): HttpResponse {
    return FakeFetch.json({ error, error_description: description }, status);
  }

  static html(status: number): HttpResponse {
    return { status, headers: { 'content-type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>' };
  }
}

function restMethodOf(url: string): string {
  const last =
    new URL(url).pathname
      .split('/')
      .filter((p) => p !== '')
      .pop() ?? '';
  return last.replace(/\.(json|xml)$/, '');
}

function parseJson(raw: string | undefined): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    // Non-JSON request bodies are kept only in `request.body`.
    return undefined;
  }
}
