/**
 * Request-rate (leaky bucket) and operating-time limits (bitrix24.md §2, §10 items 7-8).
 * Both run on the portal's controllable clock, so tests drive them without sleeping.
 */

/** Leaky bucket: each request adds 1, the level drains `drainPerSecond` per second; over capacity → 503. */
export class LeakyBucket {
  private level = 0;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly drainPerSecond: number,
    now: number,
  ) {
    this.last = now;
  }

  /** Returns true if the request may pass (and counts it). Rejected requests are not counted (assumed). */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.level = Math.max(0, this.level - elapsed * this.drainPerSecond);
    this.last = now;
    // "exceeds the threshold" (§2.3; > vs ≥ unconfirmed): a full burst of `capacity` requests passes.
    if (this.level + 1 > this.capacity) return false;
    this.level += 1;
    return true;
  }
}

const WINDOW_MS = 600_000;
const BASKET_MS = 60_000;

interface Basket {
  startedAt: number;
  seconds: number;
}

/**
 * Operating time per method: 10 one-minute baskets; a basket starts at the first call of its minute and
 * drops out 10 minutes later (§2.2). The check happens before the call; the over-limit call itself completes.
 */
export class OperatingMeter {
  private readonly baskets = new Map<string, Basket[]>();

  private live(method: string, now: number): Basket[] {
    const list = (this.baskets.get(method) ?? []).filter((b) => b.startedAt + WINDOW_MS > now);
    this.baskets.set(method, list);
    return list;
  }

  /** Accumulated seconds of this method within the window. */
  total(method: string, now: number): number {
    return this.live(method, now).reduce((a, b) => a + b.seconds, 0);
  }

  /** Unix seconds when the oldest basket leaves the window (`time.operating_reset_at`). */
  resetAt(method: string, now: number): number {
    const oldest = this.live(method, now)[0];
    return Math.floor(((oldest?.startedAt ?? now) + WINDOW_MS) / 1000);
  }

  charge(method: string, now: number, seconds: number): void {
    const list = this.live(method, now);
    const current = list[list.length - 1];
    if (current && now - current.startedAt < BASKET_MS) current.seconds += seconds;
    else list.push({ startedAt: now, seconds });
  }
}
