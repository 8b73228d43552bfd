import { QBWC_NS, type QbwcOperation } from './soap-constants.js';

/** What QBWC's .NET SoapHttpClientProtocol sends as User-Agent ([ENV] header block). */
export const QBWC_USER_AGENT = 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 2.0.50727.9151)';

export interface SoapHttpResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/**
 * POSTs one QBWC call the way QBWC does: `Content-Type: text/xml; charset=utf-8` and a quoted
 * `SOAPAction: "http://developer.intuit.com/<op>"` (qbwc.md §2). Resolves once the whole answer is read;
 * rejects only on a network failure.
 */
export async function postSoap(url: string, op: QbwcOperation, envelope: string, fetchImpl: FetchLike): Promise<SoapHttpResponse> {
  const res = await fetchImpl(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: `"${QBWC_NS}${op}"`,
      'User-Agent': QBWC_USER_AGENT,
    },
    body: envelope,
  });
  const body = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
}
