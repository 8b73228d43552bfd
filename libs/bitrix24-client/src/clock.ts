/** Wall-clock source, ms since epoch. Same shape as the portal emulator's `PortalClock`. */
export interface Clock {
  now(): number;
}

/** Waits `ms` milliseconds (real or virtual). */
export type Sleep = (ms: number) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

export const realSleep: Sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, Math.max(0, ms));
  });

/**
 * A virtual clock: `sleep(ms)` advances `now()` by `ms` at once and resolves on the next macrotask,
 * so rate-limit waits cost no real time. Share one instance between the client and the portal emulator.
 */
export class VirtualClock implements Clock {
  private current: number;
  /** Every sleep requested, in order (tests assert on backoff delays with it). */
  readonly sleeps: number[] = [];

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }

  readonly sleep: Sleep = (ms) => {
    this.sleeps.push(ms);
    // Time jumps forward at once; concurrent sleepers therefore add up (pessimistic, fine for
    // the sequential callers of benches and tests).
    this.advance(ms);
    return new Promise((resolve) => {
      setImmediate(resolve);
    });
  };
}
