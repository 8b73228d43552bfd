import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Preloaded into the connector process by multi-company-load.bench.ts (`node --import <this> main.js`), so the
 * service's own figures (peak RSS, CPU time, event-loop delay) are measured inside it without touching its code.
 * Answers the parent over the IPC channel: `'mark'` → one ProbeSample, and restarts the event-loop histogram.
 */
export interface ProbeSample {
  readonly kind: 'probe-sample';
  /** Peak resident set size of the process so far (process.resourceUsage().maxRSS, bytes). */
  readonly maxRssBytes: number;
  readonly rssBytes: number;
  /** CPU time since the process started (µs). */
  readonly cpuUserMicros: number;
  readonly cpuSystemMicros: number;
  /** Event-loop delay since the previous mark (ms). */
  readonly eventLoopP99Ms: number;
  readonly eventLoopMaxMs: number;
}

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

process.on('message', (message: unknown) => {
  if (message !== 'mark' || !process.send) return;
  const cpu = process.cpuUsage();
  const sample: ProbeSample = {
    kind: 'probe-sample',
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    rssBytes: process.memoryUsage().rss,
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
    eventLoopP99Ms: delay.percentile(99) / 1e6,
    eventLoopMaxMs: delay.max / 1e6,
  };
  delay.reset();
  process.send(sample);
});
// The channel must not keep the service alive: it ends on SIGTERM exactly as it does without the probe.
process.channel?.unref();
