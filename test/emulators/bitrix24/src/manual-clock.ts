import type { PortalClock } from './portal-types.js';

/** A controllable clock for the portal's limits and DATE_MODIFY; time moves only when told to. */
export class ManualClock implements PortalClock {
  constructor(private ms = Date.parse('2026-01-15T09:00:00Z')) {}

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    this.ms += ms;
  }

  set(ms: number): void {
    this.ms = ms;
  }
}
