import { setFlagsFromString } from 'node:v8';

/**
 * The V8 flag every way the service starts passes on node's command line (npm start, Docker, the Windows service, the
 * release package; test/start-commands.spec.ts checks each): V8's young generation gets semi-spaces of 8 MiB. Node
 * refuses it in NODE_OPTIONS. Short-lived objects (a Web Connector call's request, parse and answer) then die young
 * instead of being promoted, where only a full mark-compact, which stops the event loop 7–16 ms, frees them.
 */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=8';

/**
 * Makes V8 keep its old generation close to what is live, once the heap is laid out. Called first thing at boot.
 *
 * Why at run time: on the command line `--optimize-for-size` also fixes the young generation at 1 MiB, whatever
 * `--max-semi-space-size` says (checked with v8.getHeapSpaceStatistics on Node 24). With 50 concurrent Web Connector
 * runs that cost 110–160 ms of GC per window, with two to four mark-compacts of 7–16 ms, and each one of those put a
 * round of calls over 20 ms (issue 14). Set after start, the flag lets the young generation grow under load up to
 * what the command line allows (YOUNG_GENERATION_FLAG; V8 still shrinks it when little survives, so it is 1–8 MiB
 * rather than a fixed 1: a burst of allocation takes about 70 scavenges instead of 240, __tests__/heap-mode.spec.ts)
 * and still turns on V8's memory-saving growth of the old generation: GC fell to 15–37 ms per
 * window without any pause of 5 ms or more, while the 30,000-record import's peak RSS stayed 1.08× the 3,000-record
 * one's (274 vs 295 MiB; with the flag on the command line 270 vs 300). Without it the same imports peaked at 342 vs
 * 494 MiB, 1.44× (README "Memory", measured 2026-12-07 on Node 24.21). Node 22 and 24 both know the flag; the newer
 * `--memory-saver-mode` (Node 24 only) measured the same.
 */
export function keepOldGenerationNearLive(): void {
  setFlagsFromString('--optimize-for-size');
}
