import type { Bitrix24LogEvent } from '@qb-b24/bitrix24-client';

export type Bitrix24Trouble = 'unreachable' | 'errors' | 'refused';

export interface Bitrix24LinkSnapshot {
  /** Null while the last call got a usable answer. */
  readonly trouble: Bitrix24Trouble | null;
  /** When the current trouble started (first failed call since the last good one). */
  readonly since: Date | null;
  readonly lastOkAt: Date | null;
}

/**
 * What the last calls to the portal said about the link, fed from the client's own call log (every attempt,
 * retries included), so the Web Connector's status and /status can say "Bitrix24 unreachable since 16:02"
 * as soon as the first attempt fails, not only once the client has given up. Pure bookkeeping, no I/O.
 */
export class Bitrix24LinkState {
  private trouble: Bitrix24Trouble | null = null;
  private since: Date | null = null;
  private lastOkAt: Date | null = null;
  private readonly usableAnswerListeners: (() => void)[] = [];

  constructor(private readonly now: () => Date) {}

  /** 503 is Bitrix24's rate limit (QUERY_LIMIT_EXCEEDED, bitrix24.md §6): waiting fixes it, so it is no trouble. */
  note(e: Bitrix24LogEvent): void {
    if (e.event !== 'b24.call') return;
    const status = e.httpStatus;
    const trouble: Bitrix24Trouble | null =
      status === null ? 'unreachable' : status === 401 || status === 403 ? 'refused' : status >= 500 && status !== 503 ? 'errors' : null;
    if (trouble === null) {
      this.trouble = null;
      this.since = null;
      this.lastOkAt = this.now();
      for (const listener of this.usableAnswerListeners) listener();
      return;
    }
    if (this.trouble === null) this.since = this.now();
    this.trouble = trouble;
  }

  /** Called on every usable answer (the portal is reachable): a check deferred at start runs on the first one. */
  onUsableAnswer(listener: () => void): void {
    this.usableAnswerListeners.push(listener);
  }

  snapshot(): Bitrix24LinkSnapshot {
    return { trouble: this.trouble, since: this.since, lastOkAt: this.lastOkAt };
  }
}
