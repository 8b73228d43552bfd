import { HttpTransportError, type HttpRequest, type HttpResponse, type HttpTransport } from './http-transport.js';

/** A request as the fake saw it, with the REST method and JSON body already decoded. */
export interface RecordedRequest {
  readonly request: HttpRequest;
  /** `crm.contact.add` for `…/rest/1/code/crm.contact.add.json`. */
  readonly restMethod: string;
  /** Parsed JSON body (undefined when absent or not JSON). */
  readonly body: unknown;
}

/** What one scripted answer can be: a response, or a transport failure. */
export type FakeAnswer = HttpResponse | 'timeout' | 'network';
export type FakeRoute = (req: RecordedRequest) => FakeAnswer | Promise<FakeAnswer>;

/**
 * Hand-written fake `HttpTransport` for unit tests: answers from a FIFO queue first, then from a
 * route function, else 404 ERROR_METHOD_NOT_FOUND. Records every request.
 */
export class InMemoryHttpTransport implements HttpTransport {
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

  async send(request: HttpRequest): Promise<HttpResponse> {
    const path = new URL(request.url).pathname;
    const last =
      path
        .split('/')
        .filter((p) => p !== '')
        .pop() ?? '';
    const restMethod = last.replace(/\.(json|xml)$/, '');
    let body: unknown;
    try {
      body = request.body === undefined ? undefined : JSON.parse(request.body);
    } catch {
      // Non-JSON request bodies are kept only in `request.body`.
      body = undefined;
    }
    const recorded: RecordedRequest = { request, restMethod, body };
    this.requests.push(recorded);
    const answer =
      this.queue.shift() ?? (this.route ? await this.route(recorded) : InMemoryHttpTransport.error(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!'));
    if (answer === 'timeout') throw new HttpTransportError('timeout', 'fake timeout');
    if (answer === 'network') throw new HttpTransportError('network', 'fake network error');
    return answer;
  }

  static json(body: unknown, status = 200, headers: Record<string, string> = {}): HttpResponse {
    return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
  }

  /** Success envelope `{result, total?, next?, time}`. */
  static ok(result: unknown, extra: { total?: number; next?: number; time?: Record<string, unknown> } = {}): HttpResponse {
    return InMemoryHttpTransport.json({ result, ...extra, time: extra.time ?? { start: 0, finish: 0, duration: 0 } });
  }

  static error(status: number, error: string, description: string): HttpResponse {
    return InMemoryHttpTransport.json({ error, error_description: description }, status);
  }

  static html(status: number): HttpResponse {
    return { status, headers: { 'content-type': 'text/html' }, body: '<html><body>502 Bad Gateway</body></html>' };
  }
}
