import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { parseSoapRequest, SoapRequestError, type QbwcCall, type SoapRequestErrorCode } from '@qb-b24/qbwc-soap';
import { libWorkerScript, XmlWorker, XmlWorkerTimeoutError } from '../common/xml-worker.js';

/** Bodies up to this size parse inline (a few ms); larger ones go to the worker thread. */
export const INLINE_PARSE_BYTES = 256 * 1024;
/** A parse that takes longer is stopped (the worker is ended) and the request refused. */
export const DEFAULT_PARSE_TIMEOUT_MS = 60_000;
/** Injection token: the parse timeout in ms (tests make it small). */
export const SOAP_PARSE_TIMEOUT_MS = Symbol('SOAP_PARSE_TIMEOUT_MS');

type SoapAnswer = { ok: true; call: QbwcCall } | { ok: false; code?: SoapRequestErrorCode; message: string };

/**
 * Parses SOAP bodies without freezing the event loop: a body over INLINE_PARSE_BYTES is parsed in a worker
 * thread (libs/qbwc-soap parse-soap-worker.ts) with a timeout, so /health answers while a 30 MB
 * receiveResponseXML is read. Errors come back as the same SoapRequestError an inline parse throws.
 */
@Injectable()
export class SoapParsePool implements OnModuleDestroy {
  private readonly worker: XmlWorker;

  constructor(@Optional() @Inject(SOAP_PARSE_TIMEOUT_MS) timeoutMs?: number) {
    this.worker = new XmlWorker(libWorkerScript('@qb-b24/qbwc-soap', 'parse-soap-worker.js'), timeoutMs ?? DEFAULT_PARSE_TIMEOUT_MS);
  }

  async parse(body: string): Promise<QbwcCall> {
    if (body.length <= INLINE_PARSE_BYTES) return parseSoapRequest(body);
    let answer: SoapAnswer;
    try {
      answer = (await this.worker.run(body)) as SoapAnswer;
    } catch (err) {
      if (err instanceof XmlWorkerTimeoutError) throw new SoapRequestError('TOO_COMPLEX', `${err.message} and was refused.`);
      throw err;
    }
    if (answer.ok) return answer.call;
    throw answer.code ? new SoapRequestError(answer.code, answer.message) : new Error(answer.message);
  }

  onModuleDestroy(): Promise<void> {
    return this.worker.close();
  }
}
