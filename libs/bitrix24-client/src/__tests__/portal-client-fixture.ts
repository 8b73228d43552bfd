import { startBitrix24Portal, type Bitrix24Portal, type PortalOptions } from '@qb-b24/bitrix24-emulator';
import { afterEach } from 'vitest';
import { Bitrix24Client } from '../bitrix24-client.js';
import type { Bitrix24ClientOptions } from '../bitrix24-client.types.js';
import { VirtualClock } from '../clock.js';
import { FetchHttpTransport } from '../fetch-http-transport.js';

/**
 * The client against the portal emulator over real HTTP (127.0.0.1:0), for the client-vs-portal specs. Client and
 * portal share one VirtualClock, so backoff and rate-limit waits take no real time.
 */

/** Seeding and scanning 10,000+ records in the emulator takes tens of real seconds on a busy machine. */
export const SLOW_MS = 180_000;

/** Registers the portal's close after each test of the calling spec; `setup` starts a portal and a client on it. */
export function usePortalAndClient() {
  let portal: Bitrix24Portal | undefined;
  afterEach(async () => {
    await portal?.close();
    portal = undefined;
  });
  return async function setup(portalOpts: PortalOptions = {}, clientOpts: Partial<Bitrix24ClientOptions> = {}) {
    const clock = new VirtualClock();
    const started = await startBitrix24Portal({ clock, ...portalOpts });
    portal = started;
    const client = new Bitrix24Client({
      webhookUrl: started.webhookUrl,
      transport: new FetchHttpTransport(),
      clock,
      sleep: clock.sleep,
      timeoutMs: 5000,
      ...clientOpts,
    });
    return { portal: started, client, clock };
  };
}
