/**
 * Slows password guessing: after `maxFailures` failed authenticate calls from one client address within
 * the window, further attempts from it are refused without checking the password until the window passes.
 * In memory on purpose: a restart clears it, which only costs an attacker a restart they cannot cause.
 */
export class AuthenticateThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  isLocked(client: string, nowMs: number): boolean {
    return this.recent(client, nowMs).length >= this.maxFailures;
  }

  recordFailure(client: string, nowMs: number): number {
    const list = [...this.recent(client, nowMs), nowMs];
    this.failures.set(client, list);
    return list.length;
  }

  recordSuccess(client: string): void {
    this.failures.delete(client);
  }

  private recent(client: string, nowMs: number): number[] {
    const list = (this.failures.get(client) ?? []).filter((t) => nowMs - t < this.windowMs);
    if (list.length === 0) this.failures.delete(client);
    return list;
  }
}
