import { performance } from 'node:perf_hooks';
import { Bitrix24Client, FetchHttpTransport, LeakyBucket, STANDARD_RATE_LIMIT, VirtualClock } from '@qb-b24/bitrix24-client';
import { startBitrix24Portal } from '@qb-b24/bitrix24-emulator';
import type { BenchFigure } from './index.js';

const CONTACTS = 10_000;
const BATCH_SIZE = 50;

/**
 * Writes 10,000 contacts through `Bitrix24Client.batch` to the portal emulator with the STANDARD rate
 * limit (50 burst, 2/s) enabled on both sides. Client, shared bucket and portal run on ONE VirtualClock:
 * every limiter wait advances virtual time instantly, so ~75 s of portal time costs a few real seconds,
 * while the portal still enforces its bucket against that same clock (a too-early call would get 503).
 */
export async function run(): Promise<BenchFigure[]> {
  const clock = new VirtualClock();
  const portal = await startBitrix24Portal({ clock, rateLimit: { enabled: true, ...STANDARD_RATE_LIMIT } });
  try {
    const client = new Bitrix24Client({
      webhookUrl: portal.webhookUrl,
      transport: new FetchHttpTransport(),
      rateLimiter: new LeakyBucket({ ...STANDARD_RATE_LIMIT, clock }),
      clock,
      sleep: clock.sleep,
    });
    const commands = Array.from({ length: CONTACTS }, (_, i) => ({
      method: 'crm.contact.add',
      params: {
        fields: {
          NAME: `Bench${i}`,
          LAST_NAME: 'Contact',
          ORIGINATOR_ID: 'qb-bench',
          ORIGIN_ID: `bench-${i}`,
          EMAIL: [{ VALUE: `bench${i}@example.com`, VALUE_TYPE: 'WORK' }],
        },
      },
    }));
    const wallStart = performance.now();
    const virtualStart = clock.now();
    const result = await client.batch(commands);
    const wallMs = performance.now() - wallStart;
    const virtualMs = clock.now() - virtualStart;

    const calls = portal.calls.length;
    let run = 0;
    let maxConsecutiveRejections = 0;
    for (const c of portal.calls) {
      run = c.httpStatus === 503 ? run + 1 : 0;
      maxConsecutiveRejections = Math.max(maxConsecutiveRejections, run);
    }
    const rejections = portal.calls.filter((c) => c.httpStatus === 503).length;
    // Floor: the minimum number of HTTP calls minus the free burst, drained at 2/s.
    const minCalls = Math.ceil(CONTACTS / BATCH_SIZE);
    const floorMs = (Math.max(0, minCalls - STANDARD_RATE_LIMIT.capacity) * 1000) / STANDARD_RATE_LIMIT.drainPerSecond;
    const ratio = floorMs === 0 ? 1 : virtualMs / floorMs;
    const stored = portal.list('contact').length;

    const bench = 'bitrix24-write';
    return [
      { bench, figure: 'contacts stored / errors', value: `${stored} / ${result.errors.size}`, target: `${CONTACTS} / 0` },
      { bench, figure: 'HTTP calls made', value: String(calls), target: `${minCalls} (ceil(${CONTACTS}/${BATCH_SIZE}))` },
      { bench, figure: 'virtual time', value: `${(virtualMs / 1000).toFixed(1)} s`, target: `floor ${(floorMs / 1000).toFixed(1)} s` },
      { bench, figure: 'ratio to rate-limit floor', value: `${ratio.toFixed(3)}x`, target: '<= 1.2x' },
      {
        bench,
        figure: 'limiter rejections (503) total / max consecutive',
        value: `${rejections} / ${maxConsecutiveRejections}`,
        target: 'max consecutive <= 1',
      },
      { bench, figure: 'wall time (virtual clock)', value: `${(wallMs / 1000).toFixed(2)} s`, target: 'n/a (real time spent on HTTP + emulator)' },
    ];
  } finally {
    await portal.close();
  }
}
