import type { QbwcErrorCode } from './qbwc-error-code.js';
import type { EnvelopeFormat } from './soap/build-soap-request.js';
import type { QbwcOperation } from './soap/soap-constants.js';

/**
 * How a run ended:
 * - `completed`: receiveResponseXML reached 100, or sendRequestXML returned ""/NoOp and getLastError gave a final text;
 * - `none` / `nvu` / `busy`: authenticate status (compared case-insensitively), then closeConnection;
 * - `postponed`: authRet[2] asked to postpone; the company was not opened;
 * - `version-stopped`: clientVersion answered `E:…`, `O:…`, or `W:…` with `onClientVersionWarning: 'cancel'`;
 * - `connection-error`: opening the company failed and connectionError answered `done` (QBWC1013);
 * - `error`: QBWC aborted (fault, HTTP error, bad answer, lost response, round cap) or receiveResponseXML was negative.
 */
export type SessionOutcome = 'completed' | 'none' | 'nvu' | 'busy' | 'postponed' | 'version-stopped' | 'error' | 'connection-error';

/** One QWCLog-like line: the call, its parameters (password masked), and what came back. */
export interface TranscriptEntry {
  /** 1-based position of the call in the run. */
  readonly seq: number;
  readonly op: QbwcOperation;
  /** Parameters in WSDL order; `strPassword` is always `***`. */
  readonly params: Readonly<Record<string, string>>;
  readonly httpStatus?: number;
  /** The decoded result: string (null = absent/nil), string[] for authenticate, number for receiveResponseXML. */
  readonly answer?: string | null | readonly string[] | number;
  readonly fault?: { readonly code: string; readonly message: string };
  /** Transport or parse problem that made QBWC abort. */
  readonly error?: string;
  /** True when network-fault mode threw this answer away after the server produced it. */
  readonly responseDropped?: boolean;
}

export interface SessionResult {
  readonly outcome: SessionOutcome;
  readonly qbwcError?: QbwcErrorCode;
  /** closeConnection text, else the getLastError / clientVersion / QBWC error text QBWC would show. */
  readonly statusText: string;
  /** Ticket from authenticate ('' when the run stopped before it). */
  readonly ticket: string;
  /** Number of sendRequestXML calls. */
  readonly rounds: number;
  /** Every receiveResponseXML result, in order. */
  readonly progress: readonly number[];
  /** Text from the last getLastError call, if any. */
  readonly lastError?: string;
  readonly transcript: readonly TranscriptEntry[];
  readonly serverVersion?: string;
  /** authRet[2] and authRet[3] when present and numeric (qbwc.md §5.3). */
  readonly postponeSeconds?: number;
  readonly minimumRunEverySeconds?: number;
  /** Envelope shape used for this run (varies between runs with envelopeStyle 'random'). */
  readonly envelope: EnvelopeFormat;
}
