/** One HTTP request the client asks its transport to perform. */
export interface HttpRequest {
  readonly method: 'POST' | 'GET';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

/** Whatever the server answered, any status; the transport never throws on HTTP status. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The only I/O the client does. Implementations throw only on network error or timeout. */
export interface HttpTransport {
  send(req: HttpRequest): Promise<HttpResponse>;
}

export type HttpTransportErrorKind = 'timeout' | 'network';

/** Thrown by transports when no HTTP response was obtained. The message never contains the URL. */
export class HttpTransportError extends Error {
  constructor(
    readonly kind: HttpTransportErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'HttpTransportError';
  }
}
