/** Mutable state of one driver run, how it ended, and how the two become the SessionResult. */
import type { SessionResult, TranscriptEntry } from './session-result.type.js';
import type { EnvelopeFormat } from './soap/build-soap-request.js';
import type { QbwcOperation } from './soap/soap-constants.js';

export type RunEnd = Omit<
  SessionResult,
  'ticket' | 'rounds' | 'progress' | 'transcript' | 'envelope' | 'serverVersion' | 'lastError' | 'postponeSeconds' | 'minimumRunEverySeconds'
>;

/** Mutable state of one run; a fresh one per runSession call. */
export interface RunState {
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

/** The SessionResult of a finished run: how it ended plus what the run state recorded (optional fields only when set). */
export function toSessionResult(end: RunEnd, state: RunState): SessionResult {
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
