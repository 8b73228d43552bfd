import { HttpTransportError, type HttpRequest, type HttpResponse, type HttpTransport } from './http-transport.js';

/** The `fetch` signature the transport needs; the global one (Node's built-in undici) unless a test injects a fake. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface FetchHttpTransportOptions {
  /** Default: the global `fetch`. Unit tests of the client pass a fake server here, never another transport. */
  readonly fetch?: FetchFunction;
}

/**
 * The one `HttpTransport` (production, tests and benches), over `fetch`. Throws `HttpTransportError` only when no
 * HTTP response was obtained: `timeout` when none came within `timeoutMs`, `network` when the connection failed
 * or was reset (possibly after the request was sent, so the client treats both as "outcome unknown" for
 * writes). Never throws on an HTTP status, and never puts the URL (it holds the webhook secret) in a message.
 */
export class FetchHttpTransport implements HttpTransport {
  private readonly fetch: FetchFunction;

  constructor(options: FetchHttpTransportOptions = {}) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async send(req: HttpRequest): Promise<HttpResponse> {
    const init: RequestInit = {
      method: req.method,
      headers: { ...req.headers },
      // Covers connecting, sending and reading the whole body: a portal that stalls mid-answer times out too.
      signal: AbortSignal.timeout(req.timeoutMs),
      // A 302 means "portal domain changed" (bitrix24.md §1.4); surface it instead of silently following.
      redirect: 'manual',
    };
    if (req.body !== undefined) init.body = req.body;
    let res: Response;
    let body: string;
    try {
      res = await this.fetch(req.url, init);
      body = await res.text();
    } catch (err) {
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new HttpTransportError('timeout', `Bitrix24 did not answer within ${req.timeoutMs} ms`, { cause: err });
      }
      throw new HttpTransportError('network', `Bitrix24 unreachable (${networkCode(err)})`, { cause: err });
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    return { status: res.status, headers, body };
  }
}

/**
 * The socket error code (ECONNREFUSED, ECONNRESET, ENOTFOUND…) an operator can act on. undici wraps it as
 * `TypeError('fetch failed', { cause })`; only the code is taken, since cause messages may name the host.
 */
function networkCode(err: unknown): string {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code: unknown = 'code' in e ? e.code : undefined;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  }
  return 'network error';
}
