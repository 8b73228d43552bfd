import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';

/** What held the service's event loop over a window: its delay histogram and every GC pause of 5 ms or more. */
export interface Stalls {
  readonly loopDelayP50Ms: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  /** GC pauses of at least 5 ms, in ms, in the order they happened; V8's kind name each (scavenge, mark-compact...). */
  readonly longGcPauses: readonly { readonly ms: number; readonly kind: string }[];
  readonly gcPauseTotalMs: number;
}

const GC_KINDS: Readonly<Record<number, string>> = { 1: 'scavenge', 2: 'minor-mark-sweep', 4: 'mark-compact', 8: 'incremental', 16: 'weak-callbacks' };

/**
 * Runs in the service process (import-rss.child.ts). Each latency a Web Connector sees is its queue behind the other
 * calls plus whatever stopped the event loop meanwhile; with 50 calls in flight one pause delays all 50, so the
 * pauses, not the average, decide a p99. This says how many there were and how long.
 */
export class StallRecorder {
  private delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  private pauses: { ms: number; kind: string }[] = [];
  private gcTotal = 0;
  private readonly observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      this.gcTotal += e.duration;
      const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
      if (e.duration >= 5) this.pauses.push({ ms: Math.round(e.duration * 10) / 10, kind: GC_KINDS[kind] ?? String(kind) });
    }
  });

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
    this.delay.enable();
  }

  reset(): void {
    this.delay.disable();
    this.delay = monitorEventLoopDelay({ resolution: 1 });
    this.delay.enable();
    this.pauses = [];
    this.gcTotal = 0;
  }

  read(): Stalls {
    const ms = (ns: number): number => Math.round(ns / 1e5) / 10;
    return {
      loopDelayP50Ms: ms(this.delay.percentile(50)),
      loopDelayP99Ms: ms(this.delay.percentile(99)),
      loopDelayMaxMs: ms(this.delay.max),
      longGcPauses: [...this.pauses],
      gcPauseTotalMs: Math.round(this.gcTotal),
    };
  }
}
