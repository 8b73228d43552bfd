import { Bitrix24Error } from '../bitrix24.error.js';
import { Bitrix24Client } from '../bitrix24-client.js';
import type { Bitrix24ClientOptions, Bitrix24LogEvent } from '../bitrix24-client.types.js';
import { VirtualClock } from '../clock.js';
import { FetchHttpTransport } from '../fetch-http-transport.js';
import { FakeFetch } from './fake-fetch.js';

export const WEBHOOK = 'https://acme.bitrix24.com/rest/1/s3cr3tc0de/';

/**
 * A client over the real `FetchHttpTransport` whose `fetch` is a fake server, and a virtual clock; `random` fixed
 * at 0.5 (no jitter) unless given.
 */
export function makeClient(overrides: Partial<Bitrix24ClientOptions> = {}): {
  client: Bitrix24Client;
  server: FakeFetch;
  transport: FetchHttpTransport;
  clock: VirtualClock;
  logs: Bitrix24LogEvent[];
} {
  const server = new FakeFetch();
  const transport = new FetchHttpTransport({ fetch: server.fetch });
  const clock = new VirtualClock();
  const logs: Bitrix24LogEvent[] = [];
  const client = new Bitrix24Client({
    webhookUrl: WEBHOOK,
    transport,
    clock,
    sleep: clock.sleep,
    random: () => 0.5,
    logger: (e) => logs.push(e),
    ...overrides,
  });
  return { client, server, transport, clock, logs };
}

export const ok = FakeFetch.ok;
export const err = FakeFetch.error;

/** The Bitrix24Error a call rejects with (any other outcome fails the test). */
export async function failure(p: Promise<unknown>): Promise<Bitrix24Error> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Bitrix24Error) return e;
    throw e;
  }
  throw new Error('expected a Bitrix24Error');
}
