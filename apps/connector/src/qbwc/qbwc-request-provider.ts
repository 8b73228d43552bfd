/** What the QBWC server knows about the session a request provider works in. */
export interface QbwcSessionContext {
  /** SHA-256 of the ticket; stable key for in-flight work. */
  readonly ticketHash: string;
  /** First 8 characters, the most of a ticket that may appear in logs. */
  readonly ticketPrefix: string;
  readonly companyFile: string;
}

export interface QbwcResponseInput {
  /** The qbXML response document, '' when QuickBooks could not run the request. */
  readonly response: string;
  readonly hresult: string;
  readonly message: string;
}

export interface QbwcResponseOutcome {
  /** Percent of the session's planned work done, 0..100 (100 ends the session). */
  readonly progress: number;
  /** Set when the session cannot go on; QBWC then shows it via getLastError. */
  readonly error?: string;
}

/**
 * The plug-in point between the Web Connector protocol and the sync strategies: the QBWC server asks
 * for the next qbXML message and hands back what QuickBooks answered. Implementations keep their own
 * state in the database, so any call may come after a restart.
 */
export interface QbwcRequestProvider {
  /** Whether a session has anything to do; `false` answers authenticate with "none". */
  hasWork(): Promise<boolean>;
  startSession(ctx: QbwcSessionContext): Promise<void>;
  /** Host/Company/Preferences responses QBWC sends with the first sendRequestXML of a session. */
  noteHostResponse(ctx: QbwcSessionContext, hcpResponse: string): Promise<void>;
  /** The next qbXML request message set, or null when there is nothing more to send. */
  nextRequest(ctx: QbwcSessionContext): Promise<string | null>;
  handleResponse(ctx: QbwcSessionContext, input: QbwcResponseInput): Promise<QbwcResponseOutcome>;
  /**
   * The session ended (closed, failed to open the company, or expired); release anything it held. Returns what
   * the session did, in words for Web Connector's Status column (null when there was no plan).
   */
  endSession(ctx: QbwcSessionContext, outcome: 'closed' | 'connection-error' | 'expired'): Promise<string | null>;
  /** What the session has done so far and what waits, in words for Web Connector (null when unknown). */
  describe(ctx: QbwcSessionContext): Promise<string | null>;
  /** The same for a run that had nothing to do ("none"): what still waits, or that Bitrix24 is not configured. */
  describeIdle(): Promise<string>;
}

export const QBWC_REQUEST_PROVIDER = Symbol('QBWC_REQUEST_PROVIDER');
