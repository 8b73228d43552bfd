/** The company's controllable clock (a FakeClock): tests move time explicitly, nothing reads Date.now(). */
export class CompanyClock {
  private nowMs: number;

  constructor(start: Date = new Date('2024-03-01T15:00:00Z')) {
    this.nowMs = start.getTime();
  }

  now(): Date {
    return new Date(this.nowMs);
  }

  setNow(date: Date): void {
    this.nowMs = date.getTime();
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }
}
