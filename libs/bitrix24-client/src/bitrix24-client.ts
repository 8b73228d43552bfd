import { METHOD_NAME, runBatch } from './batch.js';
import { Bitrix24Error } from './bitrix24.error.js';
import type {
  BackoffOptions,
  BatchCommands,
  BatchOptions,
  BatchResult,
  Bitrix24ClientOptions,
  Bitrix24Health,
  Bitrix24LogEvent,
  ListOptions,
  ListPage,
} from './bitrix24-client.types.js';
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
import { HttpTransportError } from './http-transport.js';
import { maskWebhookUrl } from './mask-webhook-url.js';
import { listAll, listAllBatched, listPages, type ScanOptions } from './list-scan.js';
import { isRecord, parseEnvelope } from './parse-envelope.js';
import type { Bitrix24Params } from './php-query.js';

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
    if (!isWebhookUrl(opts.webhookUrl)) {
      // The value itself is not echoed: it may hold the secret.
      throw new Bitrix24Error({ code: 'INVALID', message: 'webhookUrl must look like https://{portal}/rest/{userId}/{code}/', method: '', retriable: false });
    }
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

  /**
   * The same portal, transport, rate limiter and logger with its own call budget: an operator waiting on a
   * page wants "unreachable" in seconds, not after the sync's six retries (~1 min). This client is unchanged.
   */
  withBudget(budget: { readonly timeoutMs?: number; readonly maxRetries?: number }): Bitrix24Client {
    return new Bitrix24Client({ ...this.opts, ...budget });
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
    const creates =
      /\.add$/i.test(method) ||
      (batchCommands !== undefined && isRecord(cmd) && Object.values(cmd).some((c) => typeof c === 'string' && /^[^?]*\.add(\?|$)/i.test(c)));
    const ambiguousRetryAllowed = this.opts.retryWritesAfterTimeout ?? true;
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
      // Without an answer we cannot know whether a create was applied; maybe don't repeat it.
      const ambiguous = (outcome.code === 'TIMEOUT' || outcome.code === 'NETWORK') && creates && !ambiguousRetryAllowed;
      if (!outcome.retriable || attempt > maxRetries || ambiguous) {
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
  batch(commands: BatchCommands, options: BatchOptions = {}): Promise<BatchResult> {
    return runBatch((m, p) => this.call(m, p), commands, options);
  }

  /** Pages of a list method using `start`/`next` (any order). Each page is one call. */
  listPages<T = Record<string, unknown>>(
    method: string,
    options: ListOptions & { readonly start?: number; readonly itemsKey?: string } = {},
  ): AsyncGenerator<ListPage<T>> {
    return listPages<T>((m, p) => this.call(m, p), method, options);
  }

  /** Every record matching `filter` in ID order (fast `>ID`, `start=-1` scan); order must be ID ASC. */
  listAll<T = Record<string, unknown>>(method: string, options: ScanOptions = {}): AsyncGenerator<T> {
    return listAll<T>((m, p) => this.call(m, p), method, options);
  }

  /** Like `listAll` with up to 50 pages per HTTP call through `batch`. */
  listAllBatched<T = Record<string, unknown>>(method: string, options: ScanOptions & { readonly pagesPerCall?: number } = {}): AsyncGenerator<T> {
    return listAllBatched<T>(
      (m, p) => this.call(m, p),
      (c) => this.batch(c),
      method,
      options,
    );
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

function isWebhookUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && /^\/rest\/[^/]+\/[^/]+\/?$/.test(u.pathname) && u.search === '';
  } catch {
    // Unparseable: reported as invalid by the caller.
    return false;
  }
}
