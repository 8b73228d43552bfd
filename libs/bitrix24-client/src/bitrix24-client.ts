import { Bitrix24Error, classifyPortalError } from './bitrix24.error.js';
import type {
  Bitrix24Response,
  CompanyFields,
  CompanyRecord,
  ContactFields,
  ContactRecord,
  DealFields,
  DealRecord,
  ProductFields,
  ProductRecord,
} from './bitrix24.types.js';
import { CrmEntityApi } from './crm-entity-api.js';
import { CrmMethods } from './crm-methods.js';
import { realSleep, systemClock, type Clock, type Sleep } from './clock.js';
import type { HttpTransport } from './http-transport.js';
import { HttpTransportError } from './http-transport.js';
import type { LeakyBucket } from './leaky-bucket.js';
import { maskWebhookUrl } from './mask-webhook-url.js';
import { asMap, isRecord, parseEnvelope } from './parse-envelope.js';
import { encodePhpQuery, type Bitrix24ParamValue, type Bitrix24Params } from './php-query.js';

/** Structured log events; none of them contains the webhook secret (`portal` is masked). */
export type Bitrix24LogEvent =
  | { readonly event: 'b24.call'; readonly portal: string; readonly method: string; readonly attempt: number; readonly httpStatus: number | null; readonly batchCommands?: number }
  | { readonly event: 'b24.throttle'; readonly portal: string; readonly method: string; readonly waitMs: number }
  | { readonly event: 'b24.retry'; readonly portal: string; readonly method: string; readonly attempt: number; readonly code: string; readonly httpStatus: number | null; readonly retryInMs: number; readonly message: string }
  | { readonly event: 'b24.failed'; readonly portal: string; readonly method: string; readonly attempts: number; readonly code: string; readonly httpStatus: number | null; readonly message: string };

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

const METHOD_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i;
const COMMAND_KEY = /^[A-Za-z0-9_]+$/;
const RESULT_REF = /\$result\[([^\]]+)\]/g;

/**
 * Bitrix24 REST client over an inbound webhook. All I/O goes through the injected transport and
 * all waiting through the injected sleep. Throws `Bitrix24Error` only.
 */
export class Bitrix24Client {
  private readonly baseUrl: string;
  readonly maskedUrl: string;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoff: Required<BackoffOptions>;
  private readonly operatingResetAt = new Map<string, number>();
  readonly contact: CrmEntityApi<ContactRecord, ContactFields> = new CrmEntityApi(this, 'crm.contact');
  readonly company: CrmEntityApi<CompanyRecord, CompanyFields> = new CrmEntityApi(this, 'crm.company');
  readonly deal: CrmEntityApi<DealRecord, DealFields> = new CrmEntityApi(this, 'crm.deal');
  readonly product: CrmEntityApi<ProductRecord, ProductFields> = new CrmEntityApi(this, 'crm.product');
  /** Product rows, duplicates, stages, pipelines, contact↔company links, scope/profile. */
  readonly crm: CrmMethods = new CrmMethods(this);

  constructor(private readonly opts: Bitrix24ClientOptions) {
    this.baseUrl = opts.webhookUrl.endsWith('/') ? opts.webhookUrl : `${opts.webhookUrl}/`;
    this.maskedUrl = maskWebhookUrl(this.baseUrl);
    this.clock = opts.clock ?? systemClock;
    this.sleep = opts.sleep ?? realSleep;
    this.random = opts.random ?? Math.random;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxRetries = opts.maxRetries ?? 6;
    this.backoff = {
      baseMs: opts.backoff?.baseMs ?? 1000,
      maxMs: opts.backoff?.maxMs ?? 30_000,
      jitter: opts.backoff?.jitter ?? 0.2,
      operationLimitMinMs: opts.backoff?.operationLimitMinMs ?? 10_000,
    };
  }

  /** Calls one REST method (JSON POST), retrying what waiting can fix. Throws `Bitrix24Error`. */
  async call<T = unknown>(method: string, params: Bitrix24Params = {}): Promise<Bitrix24Response<T>> {
    return this.request<T>(method, params, this.maxRetries);
  }

  /** Like `call` with its own retry budget (health checks use 0). */
  async request<T = unknown>(method: string, params: Bitrix24Params, maxRetries: number): Promise<Bitrix24Response<T>> {
    if (!METHOD_NAME.test(method)) {
      throw new Bitrix24Error({ code: 'INVALID', message: `not a REST method name: "${method}"`, method, retriable: false });
    }
    const body = JSON.stringify(params);
    const cmd = params['cmd'];
    const batchCommands = method === 'batch' && isRecord(cmd) ? Object.keys(cmd).length : undefined;
    for (let attempt = 1; ; attempt++) {
      await this.throttle(method);
      let outcome: Bitrix24Response<unknown> | Bitrix24Error;
      let httpStatus: number | null = null;
      try {
        const res = await this.opts.transport.send({
          method: 'POST',
          url: `${this.baseUrl}${method}.json`,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'user-agent': this.opts.userAgent ?? 'qb-bitrix24-connector',
          },
          body,
          timeoutMs: this.timeoutMs,
        });
        httpStatus = res.status;
        outcome = parseEnvelope(method, res);
      } catch (err) {
        // Any throw from the transport means "no HTTP answer"; its message is not trusted to be
        // URL-free, so it is only kept as `cause`.
        const timeout = err instanceof HttpTransportError ? err.kind === 'timeout' : false;
        outcome = new Bitrix24Error(
          { code: timeout ? 'TIMEOUT' : 'NETWORK', message: timeout ? `no response within ${this.timeoutMs} ms` : 'network error', method, retriable: true },
          { cause: err },
        );
      }
      this.log({ event: 'b24.call', portal: this.maskedUrl, method, attempt, httpStatus, ...(batchCommands !== undefined ? { batchCommands } : {}) });
      if (!(outcome instanceof Bitrix24Error)) {
        const resetAt = outcome.time?.operating_reset_at;
        if (resetAt !== undefined) this.operatingResetAt.set(method, resetAt * 1000);
        // The caller names T; the envelope itself was validated, the method-specific payload is not.
        return outcome as Bitrix24Response<T>;
      }
      if (!outcome.retriable || attempt > maxRetries) {
        this.log({ event: 'b24.failed', portal: this.maskedUrl, method, attempts: attempt, code: outcome.code, httpStatus, message: outcome.message });
        throw outcome;
      }
      const retryInMs = this.retryDelay(outcome, method, attempt);
      this.log({ event: 'b24.retry', portal: this.maskedUrl, method, attempt, code: outcome.code, httpStatus, retryInMs, message: outcome.message });
      await this.sleep(retryInMs);
    }
  }

  /**
   * Runs commands through `batch`, ≤ 50 per HTTP call, in order. Per-command results and errors
   * are returned separately; `$result[key]…` references must point to an earlier command of the
   * same chunk of 50 (checked up front). Throws `Bitrix24Error` only when a whole chunk fails.
   */
  async batch(commands: BatchCommands, options: BatchOptions = {}): Promise<BatchResult> {
    const entries: [string, BatchCommand][] = isCommandList(commands)
      ? commands.map((c, i) => [`cmd_${i}`, c])
      : Object.entries(commands);
    const chunks: [string, BatchCommand][][] = [];
    for (let i = 0; i < entries.length; i += BATCH_MAX_COMMANDS) chunks.push(entries.slice(i, i + BATCH_MAX_COMMANDS));
    for (const chunk of chunks) validateChunk(chunk);

    const results = new Map<string, unknown>();
    const errors = new Map<string, Bitrix24Error>();
    const totals = new Map<string, number>();
    const nexts = new Map<string, number>();
    const skipped: string[] = [];
    let httpCalls = 0;
    let halted = false;
    for (const chunk of chunks) {
      if (halted) {
        skipped.push(...chunk.map(([k]) => k));
        continue;
      }
      const cmd: Record<string, string> = {};
      for (const [key, c] of chunk) {
        const query = encodePhpQuery(c.params ?? {});
        cmd[key] = query === '' ? c.method : `${c.method}?${query}`;
      }
      httpCalls++;
      const res = await this.call('batch', { halt: options.halt ? 1 : 0, cmd });
      const body = asMap(res.result);
      const rResult = asMap(body['result']);
      const rError = asMap(body['result_error']);
      const rTotal = asMap(body['result_total']);
      const rNext = asMap(body['result_next']);
      for (const [key, c] of chunk) {
        const err = rError[key];
        if (err !== undefined) {
          const e = asMap(err);
          const portalError = typeof e['error'] === 'string' ? e['error'] : '';
          const message = typeof e['error_description'] === 'string' ? e['error_description'] : portalError;
          const { code, retriable } = classifyPortalError(undefined, portalError, message);
          errors.set(key, new Bitrix24Error({ code, portalError, message, method: c.method, retriable, commandKey: key }));
        } else if (key in rResult) {
          results.set(key, rResult[key]);
          const t = rTotal[key];
          const n = rNext[key];
          if (typeof t === 'number') totals.set(key, t);
          if (typeof n === 'number') nexts.set(key, n);
        } else {
          skipped.push(key);
        }
      }
      if (options.halt && Object.keys(rError).length > 0) halted = true;
    }
    return { results, errors, totals, nexts, skipped, httpCalls };
  }

  /** Pages of a list method using `start`/`next` (any order). Each page is one call. */
  async *listPages<T = Record<string, unknown>>(method: string, options: ListOptions & { readonly start?: number; readonly itemsKey?: string } = {}): AsyncGenerator<ListPage<T>> {
    let start: number | undefined = options.start ?? 0;
    while (start !== undefined) {
      const res: Bitrix24Response<unknown> = await this.call(method, { ...options.params, ...listParams(options), start });
      const items = extractItems<T>(res.result, method, options.itemsKey);
      yield { items, total: res.total, next: res.next };
      start = res.next !== undefined && res.next > start ? res.next : undefined;
    }
  }

  /**
   * Every record matching `filter`, in ID order, via the fast scan of bitrix24.md §4.1
   * (`order ID ASC`, `filter >ID`, `start=-1`: no COUNT query, no drift when records change).
   * A caller's `>ID` filter is honoured as the starting point. Throws on an order other than ID ASC.
   */
  async *listAll<T = Record<string, unknown>>(method: string, options: ListOptions & { readonly idKey?: string; readonly itemsKey?: string } = {}): AsyncGenerator<T> {
    const idKey = options.idKey ?? 'ID';
    const order = options.order ?? {};
    const orderKeys = Object.keys(order);
    if (orderKeys.length > 1 || (orderKeys.length === 1 && (orderKeys[0] !== idKey || String(order[idKey]).toUpperCase() !== 'ASC'))) {
      throw new Bitrix24Error({ code: 'INVALID', message: `listAll scans by ${idKey} ASC; use listPages for other orders`, method, retriable: false });
    }
    const filter: Record<string, Bitrix24ParamValue> = { ...options.filter };
    const gtKey = `>${idKey}`;
    const from = filter[gtKey];
    delete filter[gtKey];
    let lastId = typeof from === 'number' || typeof from === 'string' ? Number(from) : 0;
    const select = options.select !== undefined && !options.select.includes(idKey) && !options.select.includes('*') ? [...options.select, idKey] : options.select;
    for (;;) {
      const res = await this.call(method, {
        ...options.params,
        filter: { ...filter, [gtKey]: lastId },
        ...(select !== undefined ? { select } : {}),
        order: { [idKey]: 'ASC' },
        start: -1,
      });
      const items = extractItems<T>(res.result, method, options.itemsKey);
      for (const item of items) yield item;
      if (items.length < LIST_PAGE_SIZE) return;
      const last = items[items.length - 1];
      const id = isRecord(last) ? Number(last[idKey]) : Number.NaN;
      if (!Number.isFinite(id) || id <= lastId) {
        throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: `list page without increasing ${idKey}`, method, retriable: false });
      }
      lastId = id;
    }
  }

  /** Reachability, webhook validity and scope check for a health endpoint. Never throws; no retries. */
  async checkHealth(requiredScopes: readonly string[]): Promise<Bitrix24Health> {
    try {
      const res = await this.request('scope', {}, 0);
      const scopes = Array.isArray(res.result) ? res.result.filter((s): s is string => typeof s === 'string') : [];
      const missingScopes = requiredScopes.filter((s) => !scopes.includes(s));
      return { reachable: true, authorized: true, scopes, missingScopes, ok: missingScopes.length === 0 };
    } catch (err) {
      const e = err instanceof Bitrix24Error ? err : new Bitrix24Error({ code: 'NETWORK', message: 'unexpected failure', method: 'scope', retriable: true });
      const reachable = e.httpStatus !== undefined;
      const authorized = reachable && e.code !== 'AUTH';
      return { reachable, authorized, scopes: [], missingScopes: [...requiredScopes], ok: false, error: { code: e.code, message: e.message } };
    }
  }

  private async throttle(method: string): Promise<void> {
    const limiter = this.opts.rateLimiter;
    if (limiter === undefined) return;
    const waitMs = limiter.reserve();
    if (waitMs > 0) {
      this.log({ event: 'b24.throttle', portal: this.maskedUrl, method, waitMs });
      await this.sleep(waitMs);
    }
  }

  /** Exponential backoff with bounded jitter; rate-limit answers also resync the shared bucket. */
  private retryDelay(err: Bitrix24Error, method: string, attempt: number): number {
    const { baseMs, maxMs, jitter, operationLimitMinMs } = this.backoff;
    const exp = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
    const jittered = Math.round(exp * (1 - jitter + 2 * jitter * this.random()));
    if (err.code === 'RATE_LIMITED') this.opts.rateLimiter?.saturate();
    if (err.code === 'OPERATION_LIMITED') {
      // The method is blocked until its oldest one-minute basket expires (bitrix24.md §2.2).
      const resetAt = this.operatingResetAt.get(method);
      const untilReset = resetAt !== undefined ? resetAt - this.clock.now() + 1000 : 0;
      return Math.max(operationLimitMinMs, untilReset, jittered);
    }
    return jittered;
  }

  private log(event: Bitrix24LogEvent): void {
    this.opts.logger?.(event);
  }
}

function isCommandList(c: BatchCommands): c is readonly BatchCommand[] {
  return Array.isArray(c);
}

function listParams(o: ListOptions): Bitrix24Params {
  return {
    ...(o.filter !== undefined ? { filter: o.filter } : {}),
    ...(o.select !== undefined ? { select: o.select } : {}),
    ...(o.order !== undefined ? { order: o.order } : {}),
  };
}

function extractItems<T>(result: unknown, method: string, itemsKey: string | undefined): T[] {
  const list = itemsKey !== undefined && isRecord(result) ? result[itemsKey] : result;
  if (!Array.isArray(list)) {
    throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: 'list result is not an array', method, retriable: false });
  }
  // Record shapes are vendor-defined and string-typed; they are passed through as the caller's T.
  return list as T[];
}

function validateChunk(chunk: readonly [string, BatchCommand][]): void {
  const seen = new Set<string>();
  for (const [key, c] of chunk) {
    if (!COMMAND_KEY.test(key)) {
      throw new Bitrix24Error({ code: 'INVALID', message: `batch command key "${key}" must match [A-Za-z0-9_]+`, method: 'batch', retriable: false });
    }
    if (!METHOD_NAME.test(c.method) || c.method === 'batch') {
      throw new Bitrix24Error({ code: 'INVALID', message: `"${c.method}" cannot run inside batch`, method: 'batch', retriable: false, commandKey: key });
    }
    for (const ref of collectRefs(c.params ?? {})) {
      if (!seen.has(ref)) {
        throw new Bitrix24Error({
          code: 'INVALID',
          message: `command "${key}" references $result[${ref}], which is not an earlier command of the same chunk of ${BATCH_MAX_COMMANDS}`,
          method: 'batch',
          retriable: false,
          commandKey: key,
        });
      }
    }
    seen.add(key);
  }
}

function collectRefs(v: Bitrix24ParamValue): string[] {
  if (typeof v === 'string') return [...v.matchAll(RESULT_REF)].map((m) => m[1] ?? '');
  if (v === null || typeof v !== 'object') return [];
  const values: readonly Bitrix24ParamValue[] = Array.isArray(v) ? v : Object.values(v);
  return values.flatMap(collectRefs);
}
