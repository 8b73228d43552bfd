import { Bitrix24Client } from '../bitrix24-client.js';
import type { Bitrix24ClientOptions, Bitrix24LogEvent } from '../bitrix24-client.types.js';
import { VirtualClock } from '../clock.js';
import { InMemoryHttpTransport } from '../in-memory-http-transport.js';

export const WEBHOOK = 'https://acme.bitrix24.com/rest/1/s3cr3tc0de/';

/** A client over the in-memory fake and a virtual clock; `random` fixed at 0.5 (no jitter) unless given. */
export function makeClient(overrides: Partial<Bitrix24ClientOptions> = {}): {
  client: Bitrix24Client;
  transport: InMemoryHttpTransport;
  clock: VirtualClock;
  logs: Bitrix24LogEvent[];
} {
  const transport = overrides.transport instanceof InMemoryHttpTransport ? overrides.transport : new InMemoryHttpTransport();
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
  return { client, transport, clock, logs };
}

export const ok = InMemoryHttpTransport.ok;
export const err = InMemoryHttpTransport.error;
