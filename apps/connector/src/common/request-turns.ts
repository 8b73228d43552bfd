import { performance } from 'node:perf_hooks';

/**
 * How much request work one turn of the event loop may start before the loop goes back to the network, when the
 * last look at the network found no new connection. It bounds how long a connection that arrives in the middle of
 * a burst waits to be accepted; a turn of the loop costs a few µs, so 2 ms of work per turn costs about 1 %.
 */
export const TURN_BUDGET_MS = 2;

/**
 * Spreads the start of request work over turns of the event loop, so new connections are accepted while a burst is
 * being answered.
 *
 * Why: on Linux and macOS, libuv accepts one connection per turn of the event loop (libuv PR #3696, "unix: don't
 * accept() connections in a loop", in every Node since 20: https://github.com/libuv/libuv/pull/3696, and the
 * regression it caused, https://github.com/nodejs/performance/issues/95). A turn answers every request that has
 * arrived on the open connections before it accepts the next one. With 50 Web Connectors whose runs start at once,
 * measured on this machine (issue 14): 30 connections were accepted at once, and each of the other 20 waited for a
 * whole turn of some 50 calls, so the last first call took 60–150 ms while no call needed more than 0.3 ms of CPU.
 *
 * How: every request waits for the check phase of the loop (setImmediate), in order of arrival. When the turn's look
 * at the network accepted a connection, more may be waiting behind it, so the turn starts one request and hands on
 * to the next turn, which accepts the next connection: a burst of new connections is accepted one short turn at a
 * time, its calls answered as they come. Otherwise a turn starts requests until it has spent `budgetMs`. A request
 * that finds the loop idle waits one turn, a few µs. Windows accepts up to 32 connections at a time (libuv's
 * simultaneous accepts), so there this only keeps the order fair.
 */
export class RequestTurns {
  /** When the current turn started running queued requests (performance.now()). */
  private turnStartedAt = 0;
  private turnMarked = false;
  /** Whether this turn has started a request: each turn starts at least one, whatever ran before it. */
  private startedThisTurn = false;
  private acceptedSinceMark = false;
  /** This turn followed the acceptance of a connection: it starts one request only. */
  private shortTurn = false;

  constructor(
    private readonly budgetMs = TURN_BUDGET_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The server accepted a connection (its 'connection' event, emitted while the loop looks at the network). */
  connectionAccepted(): void {
    this.acceptedSinceMark = true;
  }

  /** Calls `start` in this turn of the event loop, or in a later one; in order of arrival. */
  admit(start: () => void): void {
    this.markNextTurn();
    setImmediate(() => this.startOrWait(start));
  }

  /**
   * Queues the marker that starts a turn. It is queued before the requests it times: immediates run in the order
   * they were queued, and those queued while the check phase runs wait for the next turn, marker first.
   */
  private markNextTurn(): void {
    if (this.turnMarked) return;
    this.turnMarked = true;
    setImmediate(() => {
      this.turnMarked = false;
      this.startedThisTurn = false;
      this.shortTurn = this.acceptedSinceMark;
      this.acceptedSinceMark = false;
      this.turnStartedAt = this.now();
    });
  }

  private startOrWait(start: () => void): void {
    if (!this.startedThisTurn || (!this.shortTurn && this.now() - this.turnStartedAt < this.budgetMs)) {
      this.startedThisTurn = true;
      start();
      return;
    }
    this.markNextTurn();
    setImmediate(() => this.startOrWait(start));
  }
}
