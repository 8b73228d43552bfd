import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** A job did not finish in time: its worker was ended (a new one serves the next job). */
export class XmlWorkerTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The document could not be read within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'XmlWorkerTimeoutError';
  }
}

/**
 * A worker script shipped by a lib's build (`<lib>/dist/<file>`), found through Node's own resolution so
 * it is the same file in production and under the test runner (which otherwise reads the libs' sources).
 */
export function libWorkerScript(pkg: string, file: string): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve(pkg)), file);
}

/**
 * A thread whose heap is larger than this after a job is replaced by a fresh one before the next job. Parsing a page
 * of QuickBooks records allocates many times its size, and V8 lets a busy thread's heap grow rather than collect it:
 * without this the two XML threads held about 200 MiB more after a 6,000-record import than after a 600-record one
 * (import-rss bench). Ending a thread returns its whole heap; starting one costs a few tens of ms, against the
 * hundreds a page this large takes to parse. Jobs that stay small never reach it.
 */
export const RECYCLE_ABOVE_HEAP_BYTES = 64 * 1024 * 1024;

interface Job {
  readonly id: number;
  readonly input: string;
  readonly resolve: (answer: unknown) => void;
  readonly reject: (err: Error) => void;
}

/**
 * One worker thread that runs one job at a time, each with a timeout after which the thread is ended
 * (a stuck parse cannot be interrupted any other way) and the next job gets a fresh one. One thread is
 * enough: the machine has two cores and one Web Connector session runs at a time per company. Messages
 * in: `{ id, input }`; out: `{ id, ... }`, handed back as is.
 */
export class XmlWorker {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  /**
   * Set from a job's answer until the thread has said how large its heap is: the next job waits for that verdict, so a
   * thread over the limit is always replaced before it (without the wait the next job could start on the old thread).
   */
  private checking = false;

  constructor(
    private readonly script: string,
    private readonly timeoutMs: number,
    private readonly recycleAboveHeapBytes: number = RECYCLE_ABOVE_HEAP_BYTES,
  ) {}

  run(input: string): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.runNext();
    });
  }

  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new Error('The connector is shutting down'));
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private runNext(): void {
    if (this.running || this.checking) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = this.ensureWorker();
    this.running = { job, timer: setTimeout(() => this.timedOut(job), this.timeoutMs) };
    worker.postMessage({ id: job.id, input: job.input });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (answer: { id: number }) => this.answered(answer));
    worker.on('error', (err) => this.crashed(worker, err));
    worker.on('exit', () => this.crashed(worker, new Error('the XML worker stopped')));
    // The thread never keeps the process alive on its own.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answered(answer: { id: number }): void {
    const running = this.running;
    if (!running || running.job.id !== answer.id) return;
    clearTimeout(running.timer);
    this.running = null;
    running.job.resolve(answer);
    this.checkHeap();
  }

  /**
   * Asks the idle thread how large its heap is, then starts the next job; over the limit, the thread is replaced first
   * (nothing runs on it between two jobs, so ending it loses nothing).
   */
  private checkHeap(): void {
    const worker = this.worker;
    if (!worker) {
      this.runNext();
      return;
    }
    this.checking = true;
    worker
      .getHeapStatistics()
      .then(
        (stats) => {
          if (this.worker === worker && stats.total_heap_size > this.recycleAboveHeapBytes) this.recycle();
        },
        // The thread ended meanwhile (crashed, closed): nothing to replace.
        () => undefined,
      )
      .finally(() => {
        this.checking = false;
        this.runNext();
      });
  }

  /** Ends the thread between two jobs (its heap goes with it); the next job starts a fresh one. */
  private recycle(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }

  private timedOut(job: Job): void {
    if (this.running?.job !== job) return;
    this.running = null;
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    job.reject(new XmlWorkerTimeoutError(this.timeoutMs));
    this.runNext();
  }

  private crashed(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const running = this.running;
    this.running = null;
    if (running) {
      clearTimeout(running.timer);
      running.job.reject(err);
    }
    this.runNext();
  }
}
