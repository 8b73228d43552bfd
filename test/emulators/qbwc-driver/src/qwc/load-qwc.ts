import { QbwcDriverError } from '../qbwc-driver.error.js';
import { parseQwc } from './parse-qwc.js';
import type { QwcFile } from './qwc-file.type.js';

export interface LoadQwcOptions {
  /** GET AppSupport like QBWC does and require 200/202 (QBWC1003) or reachability (QBWC1004). Default false. */
  readonly verifyAppSupport?: boolean;
  /** HTTP client for the GET; default the global fetch. */
  readonly fetch?: (url: string, init: { method: 'GET' }) => Promise<{ readonly status: number }>;
}

/**
 * Validates a .qwc file as QBWC does when it is added (qbwc.md §8) and optionally GETs its AppSupport URL (§9).
 * Rejects with QbwcDriverError (QBWC1039/1010/1000/1001/1002/1003/1004).
 */
export async function loadQwc(xmlText: string, options: LoadQwcOptions = {}): Promise<QwcFile> {
  const qwc = parseQwc(xmlText);
  if (options.verifyAppSupport === true) {
    const get = options.fetch ?? ((url: string, init: { method: 'GET' }) => fetch(url, init));
    let status: number;
    try {
      status = (await get(qwc.appSupport, { method: 'GET' })).status;
    } catch (err) {
      throw new QbwcDriverError('QBWC1004', `GET ${qwc.appSupport} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (status !== 200 && status !== 202) throw new QbwcDriverError('QBWC1003', `GET ${qwc.appSupport} answered HTTP ${status}`);
  }
  return qwc;
}
