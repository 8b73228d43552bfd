import type { Bitrix24Error } from './bitrix24.error.js';
import type { Clock, Sleep } from './clock.js';
import type { HttpTransport } from './http-transport.js';
import type { LeakyBucket } from './leaky-bucket.js';
import type { Bitrix24Params } from './php-query.js';

/** Structured log events; none of them contains the webhook secret (`portal` is masked). */
export type Bitrix24LogEvent =
  | {
      readonly event: 'b24.call';
      readonly portal: string;
      readonly method: string;
      readonly attempt: number;
      readonly httpStatus: number | null;
      readonly batchCommands?: number;
    }
  | { readonly event: 'b24.throttle'; readonly portal: string; readonly method: string; readonly waitMs: number }
  | {
      readonly event: 'b24.retry';
      readonly portal: string;
      readonly method: string;
      readonly attempt: number;
      readonly code: string;
      readonly httpStatus: number | null;
      readonly retryInMs: number;
      readonly message: string;
    }
  | {
      readonly event: 'b24.failed';
      readonly portal: string;
      readonly method: string;
      readonly attempts: number;
      readonly code: string;
      readonly httpStatus: number | null;
      readonly message: string;
    };

export interface BackoffOptions {
  /** First retry delay before jitter (default 1000 ms); doubles per attempt. */
  readonly baseMs?: number;
  /** Upper bound of one delay (default 30 000 ms). */
  readonly maxMs?: number;
  /** Relative jitter, delay × [1−j, 1+j] (default 0.2). */
  readonly jitter?: number;
  /** Minimum wait after OPERATION_TIME_LIMIT when the reset time is unknown (default 10 000 ms, as b24jssdk). */
  readonly operationLimitMinMs?: number;
}

export interface Bitrix24ClientOptions {
  /** Inbound webhook, `https://{portal}/rest/{userId}/{code}/`. Secret: never logged or put in errors. */
  readonly webhookUrl: string;
  readonly transport: HttpTransport;
  /** ONE instance shared by every client of the process talking to the same portal. */
  readonly rateLimiter?: LeakyBucket;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  /** Uniform [0,1) source for jitter (default Math.random). */
  readonly random?: () => number;
  readonly timeoutMs?: number;
  /** Retries after the first attempt (default 6). */
  readonly maxRetries?: number;
  readonly backoff?: BackoffOptions;
  readonly logger?: (event: Bitrix24LogEvent) => void;
  readonly userAgent?: string;
  /**
   * Retry a call that may create records (`*.add`, or a batch containing one) after a timeout or
   * network error (default true). The first attempt may have been applied, so a retry can
   * duplicate (b24jssdk PR #32); set false to get the TIMEOUT/NETWORK error instead and reconcile
   * (e.g. look up by ORIGIN_ID) before re-sending.
   */
  readonly retryWritesAfterTimeout?: boolean;
}

export interface BatchCommand {
  readonly method: string;
  readonly params?: Bitrix24Params;
}

/** A list (keys become `cmd_0`, `cmd_1`, … by position) or a map keyed by your own command ids. */
export type BatchCommands = readonly BatchCommand[] | Readonly<Record<string, BatchCommand>>;

export interface BatchOptions {
  /** Stop at the first failing command (the portal's `halt=1`); later chunks are not sent either. */
  readonly halt?: boolean;
}

export interface BatchResult {
  /** Successful commands' `result`, by command key. */
  readonly results: ReadonlyMap<string, unknown>;
  /** Failed commands, by key; one bad command does not discard the others. */
  readonly errors: ReadonlyMap<string, Bitrix24Error>;
  readonly totals: ReadonlyMap<string, number>;
  readonly nexts: ReadonlyMap<string, number>;
  /** Commands never executed (after a failure with `halt`). */
  readonly skipped: readonly string[];
  /** HTTP calls made (one per chunk of ≤ 50 commands). */
  readonly httpCalls: number;
}

export interface ListOptions {
  readonly filter?: Bitrix24Params;
  readonly select?: readonly string[];
  readonly order?: Readonly<Record<string, 'ASC' | 'DESC' | 'asc' | 'desc'>>;
  /** Extra top-level params (e.g. `entityTypeId`). */
  readonly params?: Bitrix24Params;
}

export interface ListPage<T> {
  readonly items: readonly T[];
  readonly total: number | undefined;
  readonly next: number | undefined;
}

export interface Bitrix24Health {
  /** The portal answered (even with an auth error). */
  readonly reachable: boolean;
  /** The webhook code was accepted. */
  readonly authorized: boolean;
  readonly scopes: readonly string[];
  readonly missingScopes: readonly string[];
  /** reachable && authorized && nothing missing. */
  readonly ok: boolean;
  readonly error?: { readonly code: string; readonly message: string };
}

/** Commands per batch HTTP call (bitrix24.md §3). */
export const BATCH_MAX_COMMANDS = 50;
/** Fixed page size of list methods (bitrix24.md §4.1). */
export const LIST_PAGE_SIZE = 50;
