import type { QuickBooksRequestProcessor } from './quickbooks-request-processor.js';
import { QBWC_ERROR_MESSAGES, type QbwcErrorCode } from './qbwc-error-code.js';
import type { SessionOutcome, SessionResult, TranscriptEntry } from './session-result.type.js';
import { buildSoapRequest, type EnvelopeFormat, type SoapParam } from './soap/build-soap-request.js';
import { parseSoapResponse, readArrayOfString, readIntResult, readStringResult } from './soap/parse-soap-response.js';
import { postSoap, type FetchLike } from './soap/post-soap.js';
import { ENVELOPE_STYLES, QBWC_NS, type EnvelopeStyle, type QbwcOperation } from './soap/soap-constants.js';
import type { XmlElement } from './soap/xml-element.type.js';

export interface WebConnectorDriverOptions {
  /** The QWC AppURL. */
  readonly appUrl: string;
  /** The QWC UserName. */
  readonly username: string;
  /** What the user typed into QBWC; never recorded in the transcript. */
  readonly password: string;
  readonly processor: QuickBooksRequestProcessor;
  /** QWC OwnerID and FileID, used for the FileID data extension in strHCPResponse. */
  readonly ownerId: string;
  readonly fileId: string;
  readonly qbXMLCountry?: string;
  readonly qbXMLMajorVers?: number;
  readonly qbXMLMinorVers?: number;
  /** strVersion sent to clientVersion. */
  readonly clientVersion?: string;
  /** 'random' picks prefix style and indentation anew for every run (checklist item 3). Default 'soap'. */
  readonly envelopeStyle?: EnvelopeStyle | 'random';
  /** Cap on sendRequestXML calls per run, so a server loop ends a test instead of hanging it. */
  readonly maxRounds?: number;
  /** Waits after getLastError → NoOp (QBWC pauses 5 s); inject a fake to keep tests instant. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called with each transcript entry as soon as the call is done. */
  readonly onCall?: (entry: TranscriptEntry) => void;
  /** Network-fault mode: the nth (1-based) call of `op` in a run reaches the server, its answer is lost. Fires once per driver. */
  readonly dropResponseAfterCall?: { readonly op: 'receiveResponseXML' | 'sendRequestXML'; readonly nth: number };
  /** What the user clicks in the clientVersion `W:` warning dialog. Default 'continue'. */
  readonly onClientVersionWarning?: 'continue' | 'cancel';
  /** Open attempts (first one included) before the driver gives up on connectionError answers other than done. Default 3. */
  readonly maxConnectionAttempts?: number;
  /** Random source for envelopeStyle 'random'. Default Math.random. */
  readonly random?: () => number;
  /** HTTP client; default the global fetch. */
  readonly fetch?: FetchLike;
}

/** QBWC pauses this long after getLastError answers NoOp (PG ch.10 p.72, qbwc.md §5.6). */
export const NOOP_PAUSE_MS = 5_000;

/** Which QBWC code a failing callback raises (qbwc.md §7, PG App. A). serverVersion has none. */
const FAILURE_CODE: Readonly<Record<QbwcOperation, QbwcErrorCode | null>> = {
  serverVersion: null,
  clientVersion: 'QBWC1036',
  authenticate: 'QBWC1012',
  sendRequestXML: 'QBWC1041',
  receiveResponseXML: 'QBWC1042',
  getLastError: 'QBWC1043',
  closeConnection: 'QBWC1044',
  connectionError: 'QBWC1045',
};

const AUTH_STOP_STATUSES = ['nvu', 'none', 'busy'] as const;
type AuthStopStatus = (typeof AUTH_STOP_STATUSES)[number];

/** Raised inside a run when QBWC would abort it; turned into an `error` SessionResult. */
class RunAborted extends Error {
  constructor(
    readonly code: QbwcErrorCode | undefined,
    detail: string,
  ) {
    super(code === undefined ? detail : `${code}: ${QBWC_ERROR_MESSAGES[code]} ${detail}`);
    this.name = 'RunAborted';
  }
}

type RunEnd = Omit<
  SessionResult,
  'ticket' | 'rounds' | 'progress' | 'transcript' | 'envelope' | 'serverVersion' | 'lastError' | 'postponeSeconds' | 'minimumRunEverySeconds'
>;

/** Mutable state of one run; a fresh one per runSession call. */
interface RunState {
  readonly envelope: EnvelopeFormat;
  readonly transcript: TranscriptEntry[];
  readonly progress: number[];
  readonly callCounts: Map<QbwcOperation, number>;
  ticket: string;
  rounds: number;
  serverVersion?: string;
  lastError?: string;
  postponeSeconds?: number;
  minimumRunEverySeconds?: number;
}

/**
 * Behaves like QuickBooks Web Connector 2.3 against any AppURL: runs the whole callback sequence of one
 * update over real HTTP, hands each qbXML request to a QuickBooks request processor, and reports how the
 * run ended the way QBWC would show it (shared/reference/qbwc.md §4, §15).
 */
export class WebConnectorDriver {
  private readonly opts: Required<Omit<WebConnectorDriverOptions, 'onCall' | 'dropResponseAfterCall'>> &
    Pick<WebConnectorDriverOptions, 'onCall' | 'dropResponseAfterCall'>;
  private dropFired = false;

  constructor(options: WebConnectorDriverOptions) {
    if (!Number.isInteger(options.maxRounds ?? 1) || (options.maxRounds ?? 1) < 1) throw new RangeError('maxRounds must be a positive integer');
    if (options.dropResponseAfterCall !== undefined && !(Number.isInteger(options.dropResponseAfterCall.nth) && options.dropResponseAfterCall.nth >= 1)) {
      throw new RangeError('dropResponseAfterCall.nth must be a positive integer');
    }
    this.opts = {
      qbXMLCountry: 'US',
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
      clientVersion: '2.3.0.215',
      envelopeStyle: 'soap',
      maxRounds: 10_000,
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      onClientVersionWarning: 'continue',
      maxConnectionAttempts: 3,
      random: Math.random,
      fetch: (url, init) => fetch(url, init),
      ...options,
    };
  }

  /** Runs one full update (serverVersion … closeConnection). Never throws for protocol problems: see `outcome`. */
  async runSession(): Promise<SessionResult> {
    const state: RunState = {
      envelope: this.pickEnvelope(),
      transcript: [],
      progress: [],
      callCounts: new Map(),
      ticket: '',
      rounds: 0,
    };
    let opened = false;
    let end: RunEnd;
    try {
      end = await this.drive(state, () => {
        opened = true;
      });
    } catch (err) {
      if (!(err instanceof RunAborted)) throw err;
      end = { outcome: 'error', statusText: err.message, ...(err.code === undefined ? {} : { qbwcError: err.code }) };
    } finally {
      // EndSession/CloseConnection on QuickBooks' side: QBWC always releases the company file.
      if (opened) await this.opts.processor.closeSession();
    }
    return {
      ...end,
      ticket: state.ticket,
      rounds: state.rounds,
      progress: state.progress,
      transcript: state.transcript,
      envelope: state.envelope,
      ...(state.serverVersion === undefined ? {} : { serverVersion: state.serverVersion }),
      ...(state.lastError === undefined ? {} : { lastError: state.lastError }),
      ...(state.postponeSeconds === undefined ? {} : { postponeSeconds: state.postponeSeconds }),
      ...(state.minimumRunEverySeconds === undefined ? {} : { minimumRunEverySeconds: state.minimumRunEverySeconds }),
    };
  }

  private pickEnvelope(): EnvelopeFormat {
    const style = this.opts.envelopeStyle;
    if (style !== 'random') return { style, pretty: false };
    const pick = Math.min(ENVELOPE_STYLES.length - 1, Math.floor(this.opts.random() * ENVELOPE_STYLES.length));
    return { style: ENVELOPE_STYLES[pick] ?? 'soap', pretty: this.opts.random() < 0.5 };
  }

  private async drive(state: RunState, markOpened: () => void): Promise<RunEnd> {
    const o = this.opts;

    // 1. serverVersion: QBWC only logs the answer. What QBWC does when it fails is unconfirmed
    //    (qbwc.md §5.1); the driver records the failure and goes on.
    try {
      state.serverVersion = readStringResult(await this.call(state, 'serverVersion', [])) ?? '';
    } catch (err) {
      if (!(err instanceof RunAborted)) throw err;
    }

    // 2. clientVersion (qbwc.md §4.2 rows 2-6).
    const cv = readStringResult(await this.call(state, 'clientVersion', [['strVersion', o.clientVersion]])) ?? '';
    if (cv.startsWith('E:')) return { outcome: 'version-stopped', qbwcError: 'QBWC1037', statusText: cv.slice(2) };
    if (cv.startsWith('O:')) return { outcome: 'version-stopped', statusText: `This application requires QBWC version ${cv.slice(2)}` };
    if (cv.startsWith('W:') && o.onClientVersionWarning === 'cancel') {
      return { outcome: 'version-stopped', qbwcError: 'QBWC1037', statusText: cv.slice(2) };
    }
    if (cv !== '' && !cv.startsWith('W:')) {
      throw new RunAborted('QBWC1046', `clientVersion returned ${JSON.stringify(cv)}`);
    }

    // 3. authenticate (qbwc.md §5.3). Fewer than two intuit-namespace <string> items is the "Index Out Of Range" QBWC1012.
    const authRet = readArrayOfString(
      await this.call(state, 'authenticate', [
        ['strUserName', o.username],
        ['strPassword', o.password],
      ]),
    );
    const [ticket, status] = authRet;
    if (ticket === undefined || status === undefined) {
      throw new RunAborted('QBWC1012', `authenticateResult has ${authRet.length} <string> item(s) in ${QBWC_NS}; at least 2 needed`);
    }
    state.ticket = ticket;
    const postpone = parseSeconds(authRet[2]);
    const minRun = parseSeconds(authRet[3]);
    if (postpone !== undefined) state.postponeSeconds = postpone;
    if (minRun !== undefined) state.minimumRunEverySeconds = minRun;

    // The guide writes both NONE and none; a real log shows "NONE" (qbwc.md §5.3), so compare case-insensitively.
    const stop = AUTH_STOP_STATUSES.find((s) => s === status.toLowerCase());
    if (stop !== undefined) return this.close(state, authOutcome(stop));
    if (postpone !== undefined && postpone > 0) return this.close(state, 'postponed');

    // 4. Open the company: "" = the file open now, anything else is a path (qbwc.md §4.2 rows 10-11, 15-17).
    let path = status;
    for (let attempt = 1; ; attempt++) {
      const open = await o.processor.openSession(path);
      if (open.ok) break;
      const answer =
        readStringResult(
          await this.call(state, 'connectionError', [
            ['ticket', ticket],
            ['hresult', open.hresult],
            ['message', open.message],
          ]),
        ) ?? '';
      if (answer.toLowerCase() === 'done' || attempt >= o.maxConnectionAttempts) {
        return { outcome: 'connection-error', qbwcError: 'QBWC1013', statusText: `${QBWC_ERROR_MESSAGES.QBWC1013} ${open.hresult} ${open.message}` };
      }
      path = answer;
    }
    markOpened();

    // 5. sendRequestXML ⇄ QuickBooks ⇄ receiveResponseXML (qbwc.md §4.2 rows 18-26).
    let hcp: string | null = o.processor.hcpResponse(o.ownerId, o.fileId);
    for (;;) {
      if (state.rounds >= o.maxRounds) {
        throw new RunAborted(undefined, `Driver round cap: more than ${o.maxRounds} sendRequestXML calls in one run`);
      }
      state.rounds++;
      const request =
        readStringResult(
          await this.call(state, 'sendRequestXML', [
            ['ticket', ticket],
            // strHCPResponse only on the first call of a session (PG ch.2 p.22).
            ['strHCPResponse', hcp ?? ''],
            ['strCompanyFileName', o.processor.companyFilePath],
            ['qbXMLCountry', o.qbXMLCountry],
            ['qbXMLMajorVers', String(o.qbXMLMajorVers)],
            ['qbXMLMinorVers', String(o.qbXMLMinorVers)],
          ]),
        ) ?? '';
      hcp = null;
      if (request === '' || request === 'NoOp') {
        const text = await this.getLastError(state, ticket);
        if (text === 'NoOp') {
          await o.sleep(NOOP_PAUSE_MS);
          continue;
        }
        // Any other text (including "Interactive mode", which the driver does not support) is shown, then closeConnection.
        return this.close(state, 'completed');
      }
      const processed = await o.processor.processRequest(request);
      const percent = await this.call(
        state,
        'receiveResponseXML',
        processed.ok
          ? [
              ['ticket', ticket],
              ['response', processed.response],
              ['hresult', ''],
              ['message', ''],
            ]
          : [
              ['ticket', ticket],
              ['response', ''],
              ['hresult', processed.hresult],
              ['message', processed.message],
            ],
        readIntResult,
      );
      state.progress.push(percent);
      if (percent < 0) {
        await this.getLastError(state, ticket);
        return this.close(state, 'error');
      }
      // 100 means done; more than 100 is treated the same (unconfirmed, qbwc.md §4.2 row 25).
      if (percent >= 100) return this.close(state, 'completed');
    }
  }

  private async getLastError(state: RunState, ticket: string): Promise<string> {
    const text = readStringResult(await this.call(state, 'getLastError', [['ticket', ticket]])) ?? '';
    state.lastError = text;
    return text;
  }

  private async close(state: RunState, outcome: SessionOutcome): Promise<RunEnd> {
    const text = readStringResult(await this.call(state, 'closeConnection', [['ticket', state.ticket]])) ?? '';
    return { outcome, statusText: text };
  }

  /**
   * One SOAP call. Resolves to the result element (or, with `decode`, the decoded value); any HTTP status
   * other than 200, a non-XML content type, a SOAP fault, an unreadable answer or a dropped response
   * throws RunAborted with the QBWC code for that callback (qbwc.md §4.2 row 28, §15 item 23).
   */
  private async call(state: RunState, op: QbwcOperation, params: readonly SoapParam[]): Promise<XmlElement | null>;
  private async call(state: RunState, op: QbwcOperation, params: readonly SoapParam[], decode: (el: XmlElement | null) => number): Promise<number>;
  private async call(
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

function authOutcome(status: AuthStopStatus): SessionOutcome {
  switch (status) {
    case 'nvu':
      return 'nvu';
    case 'none':
      return 'none';
    case 'busy':
      return 'busy';
  }
}

/** authRet[2]/[3] are plain strings such as "60" (qbwc.md §5.3); anything non-numeric is ignored. */
function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `${err.message}${cause}`;
  }
  return String(err);
}
