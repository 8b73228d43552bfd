/** WebConnectorDriver's options, their checks and their defaults. */
import type { QuickBooksRequestProcessor } from './quickbooks-request-processor.js';
import type { TranscriptEntry } from './session-result.type.js';
import type { FetchLike } from './soap/post-soap.js';
import type { EnvelopeStyle } from './soap/soap-constants.js';

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

/** The options with every default filled in; `onCall` and `dropResponseAfterCall` stay optional. */
export type ResolvedDriverOptions = Required<Omit<WebConnectorDriverOptions, 'onCall' | 'dropResponseAfterCall'>> &
  Pick<WebConnectorDriverOptions, 'onCall' | 'dropResponseAfterCall'>;

/** Checks maxRounds and dropResponseAfterCall.nth (RangeError), then fills in the defaults. */
export function resolveDriverOptions(options: WebConnectorDriverOptions): ResolvedDriverOptions {
  if (!Number.isInteger(options.maxRounds ?? 1) || (options.maxRounds ?? 1) < 1) throw new RangeError('maxRounds must be a positive integer');
  if (options.dropResponseAfterCall !== undefined && !(Number.isInteger(options.dropResponseAfterCall.nth) && options.dropResponseAfterCall.nth >= 1)) {
    throw new RangeError('dropResponseAfterCall.nth must be a positive integer');
  }
  return {
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
