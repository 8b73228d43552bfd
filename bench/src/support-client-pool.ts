import type { QbwcOperation } from '@qb-b24/qbwc-driver';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { ClientThreadMessage, ClientThreadSetup, RoundAnswer } from './support-client-thread.js';

/**
 * The 50 simulated Web Connectors of soap-concurrent, run in a worker thread of the benchmark's process.
 *
 * Why a thread: the benchmark's main thread also runs the QuickBooks emulator for the real session beside them, and
 * the Bitrix24 emulator the service's worker calls. The QuickBooks emulator builds a page of a query's answer in one
 * go; timed inside the benchmark (2026-12-07), its calls held that event loop up to 12 ms (the longest eight of 94 in
 * one window: 12.1, 8.3, 8.2, 7.0, 6.8, 6.4, 5.3, 5.0 ms). An answer the service had already sent waited unread
 * meanwhile, and the emulator's time was counted as the service's latency. 50 real Web Connectors run on 50 PCs,
 * none of them beside QuickBooks's work for another. With their own event loop the clients still share this
 * machine's two cores with the service and the emulators, so the figure stays conservative.
 */
export class WebConnectorClientThread {
  private constructor(private readonly worker: Worker) {}

  static start(setup: ClientThreadSetup): WebConnectorClientThread {
    const worker = new Worker(new URL('./support-client-thread.js', import.meta.url), { workerData: setup });
    return new WebConnectorClientThread(worker);
  }

  /**
   * One Web Connector run per client, all at once; every call's latency (from the write of its request) in
   * `latencies` and under its operation, and from when its request was ready in `fromReady`.
   */
  async round(latencies: number[], byOperation: Map<QbwcOperation, number[]>, fromReady?: number[]): Promise<void> {
    // once() also rejects if the thread fails ('error') before it answers.
    const answered = once(this.worker, 'message') as Promise<[RoundAnswer]>;
    this.worker.postMessage('round' satisfies ClientThreadMessage);
    const [answer] = await answered;
    if (!answer.ok) throw new Error(`Web Connector clients: ${answer.error}`);
    latencies.push(...answer.latencies);
    fromReady?.push(...answer.fromReady);
    for (const [op, xs] of answer.byOperation) {
      const kept = byOperation.get(op);
      if (kept) kept.push(...xs);
      else byOperation.set(op, xs);
    }
  }

  /** Closes the clients' connections; the next round opens new ones, as the next Web Connector runs would. */
  disconnect(): void {
    this.worker.postMessage('disconnect' satisfies ClientThreadMessage);
  }

  async close(): Promise<void> {
    const exited = once(this.worker, 'exit');
    this.worker.postMessage('exit' satisfies ClientThreadMessage);
    await exited;
  }
}
