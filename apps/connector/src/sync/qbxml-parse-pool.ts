import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { parseQbxmlResponse, QbxmlError, type QbxmlErrorCode, type QbxmlResponseMessage, type Result } from '@qb-b24/qbxml';
import { libWorkerScript, XmlWorker, XmlWorkerTimeoutError } from '../common/xml-worker.js';

/**
 * Responses up to this size parse inline; larger ones go to the worker thread. A page just under it (about 250 records)
 * holds the event loop about 200 ms. 32 KiB was tried (issue 14) and measured worse where it matters most: with 50
 * companies in one process each company's app started its own parse thread, and soap-latency went from p50 / p99
 * 68 / 1,255 ms and 1.7 GiB peak RSS to 155 / 4,269 ms and 3.4 GiB. A lower limit needs one parse pool per process.
 */
export const INLINE_QBXML_BYTES = 256 * 1024;
export const DEFAULT_QBXML_PARSE_TIMEOUT_MS = 60_000;
/** Injection token: the parse timeout in ms (tests make it small). */
export const QBXML_PARSE_TIMEOUT_MS = Symbol('QBXML_PARSE_TIMEOUT_MS');

type QbxmlAnswer = { ok: true; value: QbxmlResponseMessage } | { ok: false; error: { code: QbxmlErrorCode; message: string; path: string } };

/**
 * parseQbxmlResponse without freezing the event loop: a response over INLINE_QBXML_BYTES is parsed in a
 * worker thread (libs/qbxml parse-qbxml-worker.ts) with a timeout; a timeout is a TOO_COMPLEX QbxmlError,
 * like any other unreadable response. Same Result as the inline parse.
 */
@Injectable()
export class QbxmlParsePool implements OnModuleDestroy {
  private readonly worker: XmlWorker;

  constructor(@Optional() @Inject(QBXML_PARSE_TIMEOUT_MS) timeoutMs?: number) {
    this.worker = new XmlWorker(libWorkerScript('@qb-b24/qbxml', 'parse/parse-qbxml-worker.js'), timeoutMs ?? DEFAULT_QBXML_PARSE_TIMEOUT_MS);
  }

  async parse(xml: string): Promise<Result<QbxmlResponseMessage, QbxmlError>> {
    if (xml.length <= INLINE_QBXML_BYTES) return parseQbxmlResponse(xml);
    let answer: QbxmlAnswer;
    try {
      answer = (await this.worker.run(xml)) as QbxmlAnswer;
    } catch (err) {
      if (err instanceof XmlWorkerTimeoutError) return { ok: false, error: new QbxmlError('TOO_COMPLEX', `qbXML response: ${err.message}; refused`) };
      throw err;
    }
    return answer.ok ? { ok: true, value: answer.value } : { ok: false, error: new QbxmlError(answer.error.code, answer.error.message, answer.error.path) };
  }

  onModuleDestroy(): Promise<void> {
    return this.worker.close();
  }
}
