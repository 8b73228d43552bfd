/** One QBWC callback over HTTP: recorded in the run's transcript, any failure a RunAborted with the callback's QBWC code. */
import { FAILURE_CODE, RunAborted } from './run-aborted.js';
import type { RunState } from './run-state.js';
import type { TranscriptEntry } from './session-result.type.js';
import { buildSoapRequest, type SoapParam } from './soap/build-soap-request.js';
import { parseSoapResponse, readArrayOfString, readStringResult } from './soap/parse-soap-response.js';
import { postSoap } from './soap/post-soap.js';
import type { QbwcOperation } from './soap/soap-constants.js';
import type { XmlElement } from './soap/xml-element.type.js';
import type { ResolvedDriverOptions } from './web-connector-driver-options.js';

/** Makes a driver's SOAP calls; one per driver, so network-fault mode fires once per driver. */
export class QbwcCaller {
  private dropFired = false;

  constructor(private readonly opts: Pick<ResolvedDriverOptions, 'appUrl' | 'fetch' | 'onCall' | 'dropResponseAfterCall'>) {}

  /**
   * One SOAP call. Resolves to the result element (or, with `decode`, the decoded value); any HTTP status
   * other than 200, a non-XML content type, a SOAP fault, an unreadable answer or a dropped response
   * throws RunAborted with the QBWC code for that callback (qbwc.md §4.2 row 28, §15 item 23).
   */
  async call(state: RunState, op: QbwcOperation, params: readonly SoapParam[]): Promise<XmlElement | null>;
  async call(state: RunState, op: QbwcOperation, params: readonly SoapParam[], decode: (el: XmlElement | null) => number): Promise<number>;
  async call(
    state: RunState,
    op: QbwcOperation,
    params: readonly SoapParam[],
    decode?: (el: XmlElement | null) => number,
  ): Promise<XmlElement | null | number> {
    const count = (state.callCounts.get(op) ?? 0) + 1;
    state.callCounts.set(op, count);
    const base = {
      seq: state.transcript.length + 1,
      op,
      params: Object.fromEntries(params.map(([k, v]) => [k, k === 'strPassword' ? '***' : v])),
    };
    const record = (entry: TranscriptEntry): void => {
      state.transcript.push(entry);
      this.opts.onCall?.(entry);
    };
    const fail = (entry: TranscriptEntry, detail: string): RunAborted => {
      record(entry);
      return new RunAborted(FAILURE_CODE[op] ?? undefined, detail);
    };

    let http;
    try {
      http = await postSoap(this.opts.appUrl, op, buildSoapRequest(op, params, state.envelope), this.opts.fetch);
    } catch (err) {
      const detail = `${op}: connection failed: ${describe(err)}`;
      throw fail({ ...base, error: detail }, detail);
    }
    const drop = this.opts.dropResponseAfterCall;
    if (!this.dropFired && drop !== undefined && drop.op === op && drop.nth === count) {
      this.dropFired = true;
      const detail = `${op}: the connection was lost before the answer arrived (network-fault mode)`;
      throw fail({ ...base, httpStatus: http.status, responseDropped: true, error: detail }, detail);
    }
    let answer;
    try {
      answer = parseSoapResponse(http.body, op);
    } catch (err) {
      const detail = `${op}: HTTP ${http.status}, unreadable answer: ${describe(err)}`;
      throw fail({ ...base, httpStatus: http.status, error: detail }, detail);
    }
    if (answer.kind === 'fault') {
      const detail = `${op}: SOAP fault ${answer.faultCode}: ${answer.faultString}`;
      throw fail({ ...base, httpStatus: http.status, fault: { code: answer.faultCode, message: answer.faultString } }, detail);
    }
    if (http.status !== 200) {
      const detail = `${op}: HTTP ${http.status}`;
      throw fail({ ...base, httpStatus: http.status, error: detail }, detail);
    }
    // .NET's SoapHttpClientProtocol rejects a SOAP 1.1 answer whose content type is not text/xml
    // ("Client found response content type of '…', but expected 'text/xml'").
    if (!/^text\/xml(\s*;|$)/i.test(http.contentType.trim())) {
      const detail = `${op}: response content type ${JSON.stringify(http.contentType)}, expected text/xml`;
      throw fail({ ...base, httpStatus: http.status, error: detail }, detail);
    }
    if (decode === undefined) {
      record({ ...base, httpStatus: http.status, answer: answerForLog(op, answer.result) });
      return answer.result;
    }
    let value: number;
    try {
      value = decode(answer.result);
    } catch (err) {
      const detail = `${op}: ${describe(err)}`;
      throw fail({ ...base, httpStatus: http.status, answer: answer.result?.text ?? null, error: detail }, detail);
    }
    record({ ...base, httpStatus: http.status, answer: value });
    return value;
  }
}

function answerForLog(op: QbwcOperation, result: XmlElement | null): string | null | readonly string[] {
  return op === 'authenticate' ? readArrayOfString(result) : readStringResult(result);
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
