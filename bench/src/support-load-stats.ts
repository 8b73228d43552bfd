/** Latency samples by label (a SOAP operation, or 'webhook'), with the percentiles the load bench prints. */
export class LatencyBook {
  private readonly samples = new Map<string, number[]>();

  record(label: string, ms: number): void {
    const list = this.samples.get(label);
    if (list) list.push(ms);
    else this.samples.set(label, [ms]);
  }

  labels(): string[] {
    return [...this.samples.keys()].sort();
  }

  of(label: string): readonly number[] {
    return this.samples.get(label) ?? [];
  }

  all(): number[] {
    return [...this.samples.values()].flat();
  }
}

export interface Spread {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentiles, as the other benches compute them. */
export function spread(values: readonly number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number): number => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] ?? Number.NaN };
}

export const fmtSpread = (s: Spread): string => `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.p99.toFixed(1)} / ${s.max.toFixed(1)} ms`;
export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Counts of distinct strings (session outcomes, service log events), printed most frequent first. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  toString(): string {
    const entries = [...this.counts.entries()].sort((a, b) => b[1] - a[1]);
    return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k}: ${v}`).join(', ');
  }
}
