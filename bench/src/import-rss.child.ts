import { VirtualClock } from '@qb-b24/bitrix24-client';
import { keepOldGenerationNearLive } from '../../apps/connector/dist/common/heap-mode.js';
import { B24SyncWorkerService } from '../../apps/connector/dist/sync/b24-sync-worker.service.js';
import { startBenchApp } from './support-bench-app.js';
import { StallRecorder } from './support-stall-recorder.js';
import { WindowProfiler } from './support-window-profiler.js';

// The connector as its own process (`node import-rss.child.js <webhookUrl> <dbFile> [no-sleep]`), so the RSS and CPU
// the parent reads belong to the service alone, not to the QuickBooks and Bitrix24 emulators or the HTTP clients.
// Used by import-rss.bench.ts and soap-concurrent.bench.ts. `no-sleep`: the Bitrix24 client never waits (no rate
// limit at all), as soap-concurrent measures the Web Connector side, not the 2/s pacing.
// IPC: sends {kind:'ready', url}; answers 'drain' with {kind:'drained', ...process.memoryUsage(), atPeak} once the
// Bitrix24 worker is idle and garbage is collected (atPeak: process.memoryUsage() when RSS was highest), and 'usage' at once with {kind:'usage', cpuMicros} (user + system CPU of the process so far).
// 'stalls-reset' starts a window of event-loop delay and GC pauses, 'stalls' answers {kind:'stalls', ...Stalls}
// (with BENCH_CPU_PROFILE_DIR, each window's CPU profile is written there: support-window-profiler.ts).
// As main.ts does first thing (the young generation is laid out by the command line, support-service-child.ts).
keepOldGenerationNearLive();
const [webhookUrl = '', dbFile = '', mode = ''] = process.argv.slice(2);
const clock = new VirtualClock();
const { app, url } = await startBenchApp(webhookUrl, clock, dbFile, mode === 'no-sleep' ? async () => undefined : clock.sleep);
const worker = app.get(B24SyncWorkerService);
// What the RSS is made of when it peaks (V8 heap committed and used, off-heap buffers), sampled every 100 ms: it says
// whether a peak that grows with the import is JavaScript objects or native memory (SQLite, malloc).
let atPeak = process.memoryUsage();
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > atPeak.rss) atPeak = m;
}, 100);
sampler.unref();
const stalls = new StallRecorder();
const profiler = new WindowProfiler();
process.on('message', (message: unknown) => {
  if (message === 'stalls-reset') {
    void profiler.start().finally(() => {
      stalls.reset();
      process.send?.({ kind: 'stalls-reset' });
    });
    return;
  }
  if (message === 'stalls') {
    const read = stalls.read();
    void profiler.stop().finally(() => process.send?.({ kind: 'stalls', ...read }));
    return;
  }
  if (message === 'usage') {
    const cpu = process.cpuUsage();
    process.send?.({ kind: 'usage', cpuMicros: cpu.user + cpu.system });
    return;
  }
  if (message !== 'drain') return;
  worker.drain({ retryNow: true }).then(
    () => {
      // Started with --expose-gc (support-service-child.ts): what is still reachable, not garbage awaiting collection.
      globalThis.gc?.();
      process.send?.({ kind: 'drained', ...process.memoryUsage(), atPeak });
    },
    (err: unknown) => process.send?.({ kind: 'drained', error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
process.send?.({ kind: 'ready', url });
