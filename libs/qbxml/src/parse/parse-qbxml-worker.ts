/**
 * Worker-thread entry (node:worker_threads) that runs parseQbxmlResponse off the main event loop, so a
 * page of several MB does not stall other requests (issue 19). Not exported from index.ts: loading it
 * starts listening. In: `{ id, input }`; out: `{ id, ok: true, value }` or `{ id, ok: false, error: { code,
 * message, path } }` (a QbxmlError does not survive the copy between threads as a class, so its fields do).
 */
import { parentPort } from 'node:worker_threads';
import { parseQbxmlResponse } from './parse-qbxml-response.js';

interface QbxmlParseJob {
  readonly id: number;
  readonly input: string;
}

parentPort?.on('message', (job: QbxmlParseJob) => {
  const result = parseQbxmlResponse(job.input);
  if (result.ok) parentPort?.postMessage({ id: job.id, ok: true, value: result.value });
  else parentPort?.postMessage({ id: job.id, ok: false, error: { code: result.error.code, message: result.error.message, path: result.error.path } });
});
