import type { Clock } from '../../apps/connector/src/common/clock.js';

/** A clock tests move by hand: no sleeps, no timing flakiness. */
export class FakeClock implements Clock {
  private ms: number;
  constructor(start: Date | string = '2026-03-02T15:00:00Z') {
    this.ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.ms);
  }
  set(at: Date | string): void {
    this.ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}
