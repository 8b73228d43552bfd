import type { Sleep } from '../../apps/connector/src/common/sleep.js';

/**
 * Stands in for the timer behind deliberate delays: it records every delay asked for and either returns at
 * once or, after `hold()`, keeps each wait open until `release()`, so a test sees delays without waiting.
 */
export class FakeSleep {
  readonly requested: number[] = [];
  private holding = false;
  private readonly waiting: (() => void)[] = [];

  readonly sleep: Sleep = (ms) => {
    this.requested.push(ms);
    if (!this.holding) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
    });
  };

  hold(): void {
    this.holding = true;
  }

  /** Waits still open. */
  get held(): number {
    return this.waiting.length;
  }

  release(): void {
    this.holding = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/** Lets pending I/O and promise callbacks run until `done()` holds (no timers: bounded by turns, not time). */
export async function untilSettled(done: () => boolean, turns = 1_000): Promise<void> {
  for (let i = 0; i < turns && !done(); i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
  if (!done()) throw new Error(`condition not reached after ${turns} event-loop turns`);
}
