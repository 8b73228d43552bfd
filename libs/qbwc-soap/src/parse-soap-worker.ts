/**
 * Worker-thread entry (node:worker_threads) that runs parseSoapRequest off the main event loop, so a large
 * or slow body cannot stall other requests (issue 19). Not exported from index.ts: loading it starts
 * listening. Messages in: `{ id, input }`; out: `{ id, ok: true, call }` or `{ id, ok: false, code, message }`.
 */
import { parentPort } from 'node:worker_threads';
import { parseSoapRequest } from './parse-soap-request.js';
import { SoapRequestError } from './soap-request-error.js';

export interface SoapParseJob {
  readonly id: number;
  readonly input: string;
}

parentPort?.on('message', (job: SoapParseJob) => {
  try {
    parentPort?.postMessage({ id: job.id, ok: true, call: parseSoapRequest(job.input) });
  } catch (err) {
    const code = err instanceof SoapRequestError ? err.code : undefined;
    parentPort?.postMessage({ id: job.id, ok: false, code, message: err instanceof Error ? err.message : String(err) });
  }
});
