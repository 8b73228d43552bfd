import { WebConnectorDriver, type FetchLike, type QuickBooksRequestProcessor, type SessionResult } from '@qb-b24/qbwc-driver';
import { FILE_ID, OWNER_ID, type Harness } from './sync-harness.js';
import { TEST_PASSWORD } from './test-app.js';

/** One SOAP call as the Web Connector saw it: the operation and how long the HTTP round trip took. */
export interface TimedSoapCall {
  readonly op: string;
  readonly ms: number;
}

/**
 * Runs one Web Connector session against the harness's app WITHOUT draining the Bitrix24 worker before or
 * after (unlike `harness.session()`), so a test sees what the Web Connector sees while the worker runs on its
 * own. `processor` replaces QuickBooks (e.g. a wrapper that answers one request with an HRESULT); `onCall`
 * receives each SOAP call's duration.
 */
export function runDriverSession(
  h: Pick<Harness, 'url' | 'qb'>,
  opts: { processor?: QuickBooksRequestProcessor; onCall?: (call: TimedSoapCall) => void; maxRounds?: number } = {},
): Promise<SessionResult> {
  const timedFetch: FetchLike = async (url, init) => {
    const started = performance.now();
    const res = await fetch(url, init);
    const text = await res.text();
    const op = /\/([A-Za-z]+)"?$/.exec(init.headers['SOAPAction'] ?? '')?.[1] ?? 'unknown';
    opts.onCall?.({ op, ms: performance.now() - started });
    return { status: res.status, headers: res.headers, text: async () => text };
  };
  return new WebConnectorDriver({
    appUrl: `${h.url}/qbwc`,
    username: 'qbconnector',
    password: TEST_PASSWORD,
    processor: opts.processor ?? h.qb,
    ownerId: OWNER_ID,
    fileId: FILE_ID,
    sleep: async () => undefined,
    envelopeStyle: 'random',
    fetch: timedFetch,
    ...(opts.maxRounds === undefined ? {} : { maxRounds: opts.maxRounds }),
  }).runSession();
}
