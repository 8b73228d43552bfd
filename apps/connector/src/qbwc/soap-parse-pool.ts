import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { parseSoapRequest, SoapRequestError, type QbwcCall, type SoapRequestErrorCode } from '@qb-b24/qbwc-soap';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Bodies up to this size parse inline (a few ms); larger ones go to the worker thread. */
export const INLINE_PARSE_BYTES = 256 * 1024;
/** A parse that takes longer is stopped (the worker is ended) and the request refused. */
export const DEFAULT_PARSE_TIMEOUT_MS = 60_000;
/** Injection token: the parse timeout in ms (tests make it small). */
export const SOAP_PARSE_TIMEOUT_MS = Symbol('SOAP_PARSE_TIMEOUT_MS');

type WorkerAnswer = { id: number; ok: true; call: QbwcCall } | { id: number; ok: false; code?: SoapRequestErrorCode; message: string };

interface Job {
  readonly id: number;
  readonly body: string;
  readonly resolve: (call: QbwcCall) => void;
  readonly reject: (err: Error) => void;
}

/**
 * The worker script is the compiled lib's (dist/parse-soap-worker.js), found through Node's own resolution
 * so it is the same file in production and under the test runner (which reads the libs' sources otherwise).
 */
function workerScript(): string {
  const entry = createRequire(import.meta.url).resolve('@qb-b24/qbwc-soap');
  return path.join(path.dirname(entry), 'parse-soap-worker.js');
}

/**
 * Parses SOAP bodies without freezing the event loop: a body over INLINE_PARSE_BYTES is parsed in one
 * worker thread (a pool of one: the machine has two cores and one Web Connector session runs at a time),
 * one job after another, each with a timeout after which the worker is ended and a new one started for the
 * next job. So /health answers while a 30 MB receiveResponseXML is read.
 */
@Injectable()
export class SoapParsePool implements OnModuleDestroy {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private running: { job: Job; timer: NodeJS.Timeout } | null = null;
  private nextId = 1;
  private readonly timeoutMs: number;

  constructor(@Optional() @Inject(SOAP_PARSE_TIMEOUT_MS) timeoutMs?: number) {
    this.timeoutMs = timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS;
  }

  parse(body: string): Promise<QbwcCall> {
    if (body.length <= INLINE_PARSE_BYTES) return Promise.resolve().then(() => parseSoapRequest(body));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, body, resolve, reject });
      this.runNext();
    });
  }

  async onModuleDestroy(): Promise<void> {
    for (const job of this.queue.splice(0)) job.reject(new Error('The connector is shutting down'));
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private runNext(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    const worker = this.ensureWorker();
    const timer = setTimeout(() => this.timedOut(job), this.timeoutMs);
    this.running = { job, timer };
    worker.postMessage({ id: job.id, body: job.body });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript());
    worker.on('message', (answer: WorkerAnswer) => this.answered(answer));
    worker.on('error', (err) => this.crashed(worker, err));
    worker.on('exit', () => {
      if (this.worker === worker) this.crashed(worker, new Error('the XML worker stopped'));
    });
    // The worker never keeps the process alive on its own (shutdown ends it anyway).
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private answered(answer: WorkerAnswer): void {
    const running = this.running;
    if (!running || running.job.id !== answer.id) return;
    clearTimeout(running.timer);
    this.running = null;
    if (answer.ok) running.job.resolve(answer.call);
    else running.job.reject(answer.code ? new SoapRequestError(answer.code, answer.message) : new Error(answer.message));
    this.runNext();
  }

  private timedOut(job: Job): void {
    if (this.running?.job !== job) return;
    this.running = null;
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    job.reject(new SoapRequestError('TOO_COMPLEX', `The request could not be read within ${Math.round(this.timeoutMs / 1000)} s and was refused.`));
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
