/** Injected faults waiting for their next matching call (qbxml.md §10 item 31), the calls they hold hung, and default fault texts. */
import type { FaultSpec } from './fault.type.js';

export class FaultQueue {
  private readonly faults: { spec: FaultSpec; remaining: number }[] = [];
  private readonly hung: (() => void)[] = [];

  /** Queues a fault for the next `n` matching calls/requests. */
  push(n: number, spec: FaultSpec): void {
    this.faults.push({ spec, remaining: n });
  }

  /** Uses up one occurrence of the first pending fault that matches, if any. */
  take(match: (s: FaultSpec) => boolean): FaultSpec | undefined {
    const f = this.faults.find((x) => x.remaining > 0 && match(x.spec));
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining === 0) this.faults.splice(this.faults.indexOf(f), 1);
    return f.spec;
  }

  /** A promise that resolves when releaseHangs() is called. */
  hang(): Promise<void> {
    return new Promise<void>((resolve) => this.hung.push(resolve));
  }

  /** Lets every hung call continue. */
  releaseHangs(): void {
    for (const resume of this.hung.splice(0)) resume();
  }

  get pendingHangs(): number {
    return this.hung.length;
  }
}

export function defaultFaultMessage(code: number): string {
  switch (code) {
    case 3170:
      return 'There was an error when modifying a list element. QuickBooks error message: This list has been modified by another user.';
    case 3175:
      return 'There was an error when saving. QuickBooks error message: The internals could not be locked.';
    case 3180:
      return 'There was an error when saving a list element. QuickBooks error message: This list has been modified by another user.';
    case 3171:
      return 'An attempt was made to modify a transaction with a date that is on or before the closing date of the company.';
    default:
      return `Injected error ${code}.`;
  }
}
