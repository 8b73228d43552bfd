/**
 * The Web Connector runs told "busy" since the company's session opened, in this process. With 50 Web Connectors on
 * one company file, each run while a session is open is told "busy": a log line each is 49 identical lines per round,
 * and writing them cost every call of the round time on the event loop they all wait on (issue 14; the service logs at
 * info by default). So the first is logged at info, the others at debug, and their number goes into the session's
 * closing line (qbwc.session_closed `busyRuns`).
 */
export class BusyRuns {
  private count = 0;

  /** Counts one run; true for the first since the session opened (the one to log at info). */
  note(): boolean {
    this.count += 1;
    return this.count === 1;
  }

  /** The runs counted since the last call, and a fresh count for the session that opens. */
  take(): number {
    const n = this.count;
    this.count = 0;
    return n;
  }
}
