/** Public option and handle types of the portal emulator (the contract shared with the client lib helper). */
import type { CurrencyRow } from './currencies.js';
import type { EventKnobs, OutboundEventRecord } from './events.js';
import type { PortalVariants } from './variants.js';

export interface PortalClock {
  now(): number;
}

export interface PortalOptions {
  userId?: number;
  code?: string;
  scopes?: readonly string[];
  rateLimit?: { enabled: boolean; capacity: number; drainPerSecond: number };
  /** `costSeconds` (extension): operating seconds charged per call; default = measured processing time. */
  operatingLimit?: { enabled: boolean; limitSeconds: number; costSeconds?: number };
  clock?: PortalClock;
  timeZone?: string;
  events?: { handlerUrl: string; applicationToken: string };
  /** Extension: fixed port for demos; default 0 (OS-assigned). Always bound to 127.0.0.1. */
  port?: number;
  /** Behaviour the reference leaves unconfirmed (see PortalVariants for the defaults). */
  variants?: Partial<PortalVariants>;
}

export interface PortalCallRecord {
  method: string;
  httpStatus: number;
  error?: string;
  batchCommands?: number;
  /** Extension: the methods a `batch` call ran, in order (lets a test see that a batch only read). */
  batchMethods?: readonly string[];
  at: number;
}

export type FaultKind =
  | 'QUERY_LIMIT_EXCEEDED'
  | 'OPERATION_TIME_LIMIT'
  | 'INTERNAL_SERVER_ERROR'
  | 'html'
  | 'timeout'
  | 'NO_AUTH_FOUND'
  | 'insufficient_scope'
  // Extensions beyond the contract: a 302 portal-domain-change redirect, pure latency on a successful call
  // (waits BEFORE processing), and `lateAnswer`: the call is applied, then its answer waits `latencyMs`.
  | 'redirect'
  | 'latency'
  | 'lateAnswer';

export interface Fault {
  kind: FaultKind;
  count: number;
  /** For `lateAnswer`, a non-batch method here also matches a `batch` call carrying that method among its commands. */
  methods?: readonly string[];
  latencyMs?: number;
  /** Extension: HTTP status for the `html` fault (default 502). */
  status?: number;
}

export type CrmEntity = 'contact' | 'company' | 'deal' | 'product';

export interface Bitrix24Portal {
  readonly webhookUrl: string;
  readonly calls: readonly PortalCallRecord[];
  resetCalls(): void;
  injectFault(f: Fault): void;
  readonly ui: {
    add(entity: CrmEntity, fields: Record<string, unknown>): number;
    update(entity: CrmEntity, id: number, fields: Record<string, unknown>): void;
    delete(entity: CrmEntity, id: number): void;
  };
  get(entity: CrmEntity, id: number): Record<string, unknown> | undefined;
  list(entity: CrmEntity): Record<string, unknown>[];
  productRows(dealId: number): Record<string, unknown>[];
  setEvents(e: { handlerUrl: string; applicationToken: string } | undefined, knobs?: EventKnobs): void;
  idle(): Promise<void>;
  close(): Promise<void>;
  // ---- extensions ----
  /** Every outbound event and what happened to it (delivered / failed / dropped). */
  readonly sentEvents: readonly OutboundEventRecord[];
  /** Adds a deal funnel (`crm.category.list`, stages `C{n}:…`); returns its id. */
  addDealCategory(name: string): number;
  /** Switches for unconfirmed behaviour; assign a new object between calls (`portal.variants = {...portal.variants, …}`). */
  variants: PortalVariants;
  /** Adds a currency to `crm.currency.list` (a deal may then use it); `amount` = rate to the base, e.g. `'1.0800'`. */
  addCurrency(row: Pick<CurrencyRow, 'currency' | 'amount'> & Partial<CurrencyRow>): void;
}
