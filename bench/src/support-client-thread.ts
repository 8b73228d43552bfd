import type { QbwcOperation } from '@qb-b24/qbwc-driver';
import { parentPort, workerData } from 'node:worker_threads';
import { RawHttpConnection } from './support-raw-http.js';
import { shortSoapSession } from './support-soap-session.js';

// Worker-thread entry: the timed Web Connector clients of soap-concurrent, in an event loop of their own (see
// support-client-pool.ts for why). Each `round` message runs one short Web Connector run per client, all at once,
// and answers every call's latency.

/** What the thread is started with (its workerData). */
export interface ClientThreadSetup {
  /** The SOAP endpoint, e.g. http://127.0.0.1:1234/qbwc */
  readonly endpoint: string;
  readonly clients: number;
  /** true: one RawHttpConnection per client; false: undici's fetch */
  readonly raw: boolean;
}

/** `round`: one run per client (connecting first if need be); `disconnect`: close every connection; `exit`. */
export type ClientThreadMessage = 'round' | 'disconnect' | 'exit';

export type RoundAnswer =
  | { readonly ok: true; readonly latencies: number[]; readonly fromReady: number[]; readonly byOperation: [QbwcOperation, number[]][] }
  | { readonly ok: false; readonly error: string };

const port = parentPort;
if (port !== null) {
  const setup = workerData as ClientThreadSetup;
  let connections: RawHttpConnection[] = [];
  const disconnect = (): void => {
    for (const c of connections) c.close();
    connections = [];
  };
  port.on('message', (message: ClientThreadMessage) => {
    if (message !== 'round') {
      disconnect();
      if (message === 'exit') port.close();
      return;
    }
    if (setup.raw && connections.length === 0) connections = Array.from({ length: setup.clients }, () => new RawHttpConnection(new URL(setup.endpoint)));
    const latencies: number[] = [];
    const fromReady: number[] = [];
    const byOperation = new Map<QbwcOperation, number[]>();
    Promise.all(
      Array.from({ length: setup.clients }, (_, i) =>
        shortSoapSession(setup.endpoint, latencies, connections[i]?.fetch, byOperation, () => connections[i]?.lastSentAt ?? null, fromReady),
      ),
    ).then(
      () => port.postMessage({ ok: true, latencies, fromReady, byOperation: [...byOperation] } satisfies RoundAnswer),
      (e: unknown) => port.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) } satisfies RoundAnswer),
    );
  });
}
