import { HttpTransportError, type HttpRequest, type HttpResponse, type HttpTransport } from './http-transport.js';

/**
 * `HttpTransport` over the global `fetch` (Node ≥ 18). Used by tests and benches; the Nest app wraps
 * its own HTTP client adapter instead. Throws `HttpTransportError` on timeout or network failure, never on HTTP status.
 */
export class FetchHttpTransport implements HttpTransport {
  async send(req: HttpRequest): Promise<HttpResponse> {
    const init: RequestInit = {
      method: req.method,
      headers: { ...req.headers },
      signal: AbortSignal.timeout(req.timeoutMs),
      // A 302 means "portal domain changed" (bitrix24.md §1.4); surface it instead of silently following.
      redirect: 'manual',
    };
    if (req.body !== undefined) init.body = req.body;
    let res: Response;
    let body: string;
    try {
      res = await fetch(req.url, init);
      body = await res.text();
    } catch (err) {
      // The URL (which holds the webhook secret) is deliberately left out of the message.
      const name = err instanceof Error ? err.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new HttpTransportError('timeout', `no response within ${req.timeoutMs} ms`, { cause: err });
      }
      throw new HttpTransportError('network', 'network error', { cause: err });
    }
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      headers[key.toLowerCase()] = value;
    });
    return { status: res.status, headers, body };
  }
}
