import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { SLEEP, type Sleep } from '../common/sleep.js';
import { AuthFailureRepository } from './auth-failure.repository.js';

/** Wrong passwords a client may send within the window before its wrong answers are slowed down. */
export const FREE_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
/** The first slowed answer waits this long; each further failure doubles it, up to MAX_DELAY_MS. */
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 30_000;
/**
 * Delayed answers one client may have waiting at once; beyond this its wrong passwords are answered at once.
 * Each waiting answer holds a connection, so without a cap the delay would help an attacker pile them up.
 */
export const MAX_WAITING_PER_CLIENT = 4;
/** The same bound for all clients together (addresses are cheap, IPv6 ones especially). */
export const MAX_WAITING_TOTAL = 64;

/** How long the answer to a client's `failures`-th wrong password within the window waits. Pure. */
export function failureDelayMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures - FREE_FAILURES - 1, 30));
}

export interface FailureVerdict {
  /** Wrong passwords from this client within the window, this one included. */
  readonly failures: number;
  /** How long this answer waited (0: not slowed, or the client already had MAX_WAITING_PER_CLIENT waiting). */
  readonly delayedMs: number;
  /** True when the answer should have waited but the waiting caps were reached, so it went out at once. */
  readonly capped: boolean;
}

/**
 * Slows password guessing without ever refusing the right password. The password is checked first, always:
 * a correct one is accepted however many failures came from the same address, because behind a reverse
 * proxy the owner's Web Connector and a guesser can share one. Only wrong answers wait, on a timer, longer
 * with each failure and capped in time and in how many wait at once. The real protection is the password's
 * strength (generated ones are 192-bit; weak ones are refused at start); this delay slows a naive guesser and
 * keeps guessing visible in the log. The failures are counted in the database (auth_failure), so every process
 * behind a load balancer slows the same guesser alike; the caps on waiting answers are this process's own, because
 * each waiting answer holds one of its connections.
 */
@Injectable()
export class AuthenticateThrottle {
  private readonly waiting = new Map<string, number>();
  private waitingTotal = 0;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SLEEP) private readonly sleep: Sleep,
    private readonly failuresStore: AuthFailureRepository,
  ) {}

  /**
   * Records a wrong password from `client` and waits as long as its failures call for before the caller
   * answers "nvu". A correct password from the same client never waits and does not clear the count, so
   * the owner signing in cannot reset a guesser's delay.
   */
  async failed(client: string): Promise<FailureVerdict> {
    const now = this.clock.now();
    const failures = await this.failuresStore.record(client, now, new Date(now.getTime() - FAILURE_WINDOW_MS));
    const delay = failureDelayMs(failures);
    if (delay === 0) return { failures, delayedMs: 0, capped: false };
    const mine = this.waiting.get(client) ?? 0;
    if (mine >= MAX_WAITING_PER_CLIENT || this.waitingTotal >= MAX_WAITING_TOTAL) return { failures, delayedMs: 0, capped: true };
    this.waiting.set(client, mine + 1);
    this.waitingTotal += 1;
    try {
      await this.sleep(delay);
    } finally {
      const left = (this.waiting.get(client) ?? 1) - 1;
      if (left === 0) this.waiting.delete(client);
      else this.waiting.set(client, left);
      this.waitingTotal -= 1;
    }
    return { failures, delayedMs: delay, capped: false };
  }
}
