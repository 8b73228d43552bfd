import path from 'node:path';
import { DEFAULT_MAPPING_RULES } from '@qb-b24/sync-core';
import type { LogLevelName } from './env-vars.js';
import type { LoadedMapping } from './mapping-file/loaded-mapping.type.js';

export type DatabaseConfig =
  | { readonly type: 'sqlite'; readonly path: string /** How long a writer waits for SQLite's lock before failing. */; readonly busyTimeoutMs: number }
  | {
      readonly type: 'postgres';
      readonly url: string;
      /** A company's own schema when one service hosts several. */
      readonly schema?: string;
      /** Connections this app may open; all companies together must stay under the server's max_connections. */
      readonly poolSize: number;
    };

/** The validated, typed configuration every service injects (never process.env). */
export class AppConfig {
  constructor(
    readonly http: {
      readonly port: number;
      readonly host: string;
      /** Where this company's endpoints are reached from outside (PUBLIC_URL plus basePath). */
      readonly publicUrl: string;
      /** '' for a single company; `/companies/<id>` when one service hosts several. */
      readonly basePath: string;
      /** Reverse proxies (addresses, CIDR ranges) whose X-Forwarded-For names the real client; empty: none. */
      readonly trustedProxies: readonly string[];
      /** Longest time to receive one whole request (HTTP_REQUEST_TIMEOUT_SECONDS, default 120 s). */
      readonly requestTimeoutMs: number;
      /** Longest silence on a connection, upload or answer (HTTP_IDLE_TIMEOUT_SECONDS, default 120 s: above the 60 s parse timeout plus the work of a large page). */
      readonly idleTimeoutMs: number;
    },
    readonly dataDir: string,
    readonly database: DatabaseConfig,
    readonly qbwc: {
      readonly username: string;
      readonly password: string;
      readonly companyFile: string;
      readonly sessionTimeoutMs: number;
      /** Silence after which a new authenticated run takes over an open session (QBWC_TAKEOVER_MINUTES, default 2). */
      readonly takeoverAfterMs: number;
      readonly maxBodyBytes: number;
      readonly timeZone: string;
      /** Income account for items created from Bitrix24 products. */
      readonly itemIncomeAccount: string;
      /** Scheduler interval of the .qwc written at start (QWC_RUN_EVERY_MINUTES, default 15). */
      readonly runEveryMinutes: number;
    },
    readonly bitrix24: {
      readonly webhookUrl: string | undefined;
      readonly applicationToken: string | undefined;
      readonly plan: 'standard' | 'enterprise';
      /** How long one REST call may take before it counts as unanswered. */
      readonly timeoutMs: number;
      /** Retries of a call that waiting can fix (rate limit, 5xx, no answer for a read). */
      readonly maxRetries: number;
    },
    readonly sync: {
      /** MaxReturned of each QuickBooks iterator page. */
      readonly pageSize: number;
      /** How far before a watermark queries start again (QuickBooks' DST quirk, clock skew). */
      readonly overlapMs: number;
      readonly estimateStageId: string;
      /** Bitrix24 polling interval in ms (0 = off): the fallback for lost event webhooks. */
      readonly b24PollMs: number;
    },
    readonly adminToken: string,
    readonly logLevel: LogLevelName,
    readonly version: string,
    /** `default` for a single company; the id from COMPANIES otherwise (logs, metrics, file names). */
    readonly companyId: string = 'default',
    /** Where SQLite backups go (BACKUP_DIR, default `<data folder>/backups`) and how many are kept (BACKUP_KEEP, default 7). */
    readonly backup: { readonly dir: string; readonly keep: number } = { dir: path.join(dataDir, 'backups'), keep: 7 },
    /** The business rules (mapping file or built-in defaults); services inject MAPPING_RULES instead. */
    readonly mapping: LoadedMapping = { rules: DEFAULT_MAPPING_RULES, file: null },
    readonly cluster: {
      /** Processes WORKERS starts on this machine (more than 1 only on PostgreSQL). */
      readonly workers: number;
      /** How often a process tries to take over companies nobody owns (OWNERSHIP_RETRY_SECONDS, default 10 s). */
      readonly ownershipRetryMs: number;
      /** Companies the service hosts; each process owns at most its fair share of them. */
      readonly companies: number;
    } = { workers: 1, ownershipRetryMs: 10_000, companies: 1 },
  ) {}
}
