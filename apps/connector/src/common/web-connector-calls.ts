/**
 * The Web Connector calls being answered right now, so background work can give way to them. better-sqlite3 is
 * synchronous and the Bitrix24 worker shares the event loop with the SOAP endpoint: a page the worker applies, or a
 * batch of events it turns into QuickBooks writes, is CPU the waiting calls queue behind. With 50 Web Connectors
 * at once (issue 14: SOAP p99 ≤ 20 ms with 50 concurrent sessions) the service spent 0.41-0.48 ms of CPU per call
 * while the worker and a real session ran beside the calls, against 0.21-0.24 ms with the worker idle.
 *
 * The worker awaits `quiet(maxWaitMs)` before each unit of work: it starts at once when no call is being answered,
 * else as soon as none is, and after `maxWaitMs` at the latest, so a steady stream of calls slows it but never
 * stops it. A Web Connector itself makes one call at a time, so between two of its calls the worker runs freely.
 *
 * A call that brings QuickBooks's answer (receiveResponseXML with a page to parse and store, 3-14 ms of CPU for a page
 * of 20-52 KiB) does the same with `stepAside(maxWaitMs)`: every call that arrived with it is answered first.
 */
/**
 * How long the worker waits at most before each unit of work while calls keep arriving. A page costs at least one
 * Bitrix24 call, and the portal drains two a second on standard plans, five on Enterprise (bitrix24.md §2.1), so
 * a quarter of a second per page takes little or nothing from the pace the rate limit sets anyway.
 */
export const GIVE_WAY_MAX_MS = 250;

export class WebConnectorCalls {
  private answering = 0;
  private waiting: (() => void)[] = [];

  /** A call arrived; the returned function ends it (calling it twice counts once). */
  begin(): () => void {
    this.answering += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.leave();
    };
  }

  /**
   * For a call being answered that has long work ahead: waits until no other call is being answered, or maxWaitMs,
   * whichever comes first. It does not count while it waits, so two calls stepping aside never wait for each other and
   * background work is not held back by them. (If its connection closes meanwhile, the count dips below zero until it
   * resumes; below zero reads as no call.)
   */
  async stepAside(maxWaitMs: number): Promise<void> {
    this.leave();
    try {
      await this.quiet(maxWaitMs);
    } finally {
      this.answering += 1;
    }
  }

  /** How many calls are being answered now (calls stepping aside not counted). */
  get inFlight(): number {
    return Math.max(0, this.answering);
  }

  /** Resolves once no call is being answered, or after maxWaitMs, whichever comes first. */
  quiet(maxWaitMs: number): Promise<void> {
    if (this.answering <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== done);
        resolve();
      }, maxWaitMs);
      this.waiting.push(done);
    });
  }

  /** One call fewer is being answered (it ended, or stepped aside); with none left, background work goes on. */
  private leave(): void {
    this.answering -= 1;
    if (this.answering <= 0) this.releaseWaiting();
  }

  /**
   * Each waiter resumes in a turn of the event loop of its own, as a request's handler starts. Resumed together, in one
   * flush of promise callbacks, the worker, the event processor and a call stepping aside share one SQLite connection
   * through TypeORM: their transactions interleaved at every await, nested as savepoints and failed ("no such
   * savepoint: typeorm_1", "Transaction is not started yet"; 50 companies with a late portal, soap-latency,
   * 2026-12-07).
   */
  private releaseWaiting(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) setImmediate(resume);
  }
}

/**
 * The one count of this process: every company app a multi-company service hosts shares the event loop, so each
 * company's worker gives way to any company's Web Connector calls (ConfigModule provides this instance).
 */
export const WEB_CONNECTOR_CALLS_OF_THIS_PROCESS = new WebConnectorCalls();
