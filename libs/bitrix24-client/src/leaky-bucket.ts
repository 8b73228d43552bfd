import { systemClock, type Clock } from './clock.js';

export interface LeakyBucketOptions {
  /** Requests the portal lets through in a burst (X in bitrix24.md §2.1). */
  readonly capacity: number;
  /** Requests per second the portal's counter drains (Y in bitrix24.md §2.1). */
  readonly drainPerSecond: number;
  readonly clock?: Clock;
}

/** Standard plans: 50 burst, 2/s (bitrix24.md §2.1). */
export const STANDARD_RATE_LIMIT = { capacity: 50, drainPerSecond: 2 } as const;
/** Enterprise plans: 250 burst, 5/s (bitrix24.md §2.1). */
export const ENTERPRISE_RATE_LIMIT = { capacity: 250, drainPerSecond: 5 } as const;

/**
 * Client-side mirror of the portal's request counter. The portal counts HTTP requests per portal and
 * source IP, so ONE instance must be shared by every client of the process talking to that portal.
 * `reserve()` books a slot synchronously, which keeps concurrent callers from overbooking.
 */
export class LeakyBucket {
  readonly capacity: number;
  readonly drainPerSecond: number;
  private readonly clock: Clock;
  private level = 0;
  private updatedAt: number;

  constructor(opts: LeakyBucketOptions) {
    if (!(opts.capacity >= 1) || !(opts.drainPerSecond > 0)) {
      throw new RangeError('LeakyBucket needs capacity >= 1 and drainPerSecond > 0');
    }
    this.capacity = opts.capacity;
    this.drainPerSecond = opts.drainPerSecond;
    this.clock = opts.clock ?? systemClock;
    this.updatedAt = this.clock.now();
  }

  /** Books one request; returns how many ms the caller must wait before sending it (0 = send now). */
  reserve(): number {
    this.drain();
    this.level += 1;
    // After the wait the counter has drained back to `capacity`, this request included, so the
    // portal's own counter (same model) never exceeds its threshold.
    const excess = this.level - this.capacity;
    return excess > 0 ? Math.ceil((excess * 1000) / this.drainPerSecond) : 0;
  }

  /** The portal said QUERY_LIMIT_EXCEEDED: its counter is full whatever we believed; resync. */
  saturate(): void {
    this.drain();
    this.level = Math.max(this.level, this.capacity);
  }

  /** Current counter estimate (requests), after draining. */
  currentLevel(): number {
    this.drain();
    return this.level;
  }

  private drain(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.level = Math.max(0, this.level - (elapsed * this.drainPerSecond) / 1000);
    this.updatedAt = now;
  }
}
