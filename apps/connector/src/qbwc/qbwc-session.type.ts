import type { QbwcSessionState } from './qbwc-session.entity.js';

export type { QbwcSessionState };

/** What health and the dashboard show of one Web Connector session: no ticket, no company file path. */
export interface QbwcSessionSummary {
  readonly state: QbwcSessionState;
  readonly lastSeenAt: Date;
  readonly rounds: number;
  readonly progress: number;
  readonly lastError: string | null;
}

export interface QbwcSessionCount {
  readonly state: QbwcSessionState;
  readonly count: number;
}
