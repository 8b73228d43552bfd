/** WebConnectorDriver: runs the whole QBWC callback sequence of one update against an AppURL. */
import { AUTH_STOP_STATUSES, authOutcome, parseSeconds } from './authenticate-answer.js';
import { QbwcCaller } from './qbwc-caller.js';
import { QBWC_ERROR_MESSAGES } from './qbwc-error-code.js';
import { RunAborted } from './run-aborted.js';
import { toSessionResult, type RunEnd, type RunState } from './run-state.js';
import type { SessionOutcome, SessionResult } from './session-result.type.js';
import type { EnvelopeFormat } from './soap/build-soap-request.js';
import { readArrayOfString, readIntResult, readStringResult } from './soap/parse-soap-response.js';
import { ENVELOPE_STYLES, QBWC_NS } from './soap/soap-constants.js';
import { resolveDriverOptions, type ResolvedDriverOptions, type WebConnectorDriverOptions } from './web-connector-driver-options.js';

export type { WebConnectorDriverOptions } from './web-connector-driver-options.js';

/** QBWC pauses this long after getLastError answers NoOp (PG ch.10 p.72, qbwc.md §5.6). */
export const NOOP_PAUSE_MS = 5_000;

/**
 * Behaves like QuickBooks Web Connector 2.3 against any AppURL: runs the whole callback sequence of one
 * update over real HTTP, hands each qbXML request to a QuickBooks request processor, and reports how the
 * run ended the way QBWC would show it (shared/reference/qbwc.md §4, §15).
 */
export class WebConnectorDriver {
  private readonly opts: ResolvedDriverOptions;
  private readonly caller: QbwcCaller;

  constructor(options: WebConnectorDriverOptions) {
    this.opts = resolveDriverOptions(options);
    this.caller = new QbwcCaller(this.opts);
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
    return toSessionResult(end, state);
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
      state.serverVersion = readStringResult(await this.caller.call(state, 'serverVersion', [])) ?? '';
    } catch (err) {
      if (!(err instanceof RunAborted)) throw err;
    }

    // 2. clientVersion (qbwc.md §4.2 rows 2-6).
    const cv = readStringResult(await this.caller.call(state, 'clientVersion', [['strVersion', o.clientVersion]])) ?? '';
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
      await this.caller.call(state, 'authenticate', [
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
          await this.caller.call(state, 'connectionError', [
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
          await this.caller.call(state, 'sendRequestXML', [
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
      const percent = await this.caller.call(
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
    const text = readStringResult(await this.caller.call(state, 'getLastError', [['ticket', ticket]])) ?? '';
    state.lastError = text;
    return text;
  }

  private async close(state: RunState, outcome: SessionOutcome): Promise<RunEnd> {
    const text = readStringResult(await this.caller.call(state, 'closeConnection', [['ticket', state.ticket]])) ?? '';
    return { outcome, statusText: text };
  }
}
