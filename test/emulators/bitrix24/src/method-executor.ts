/** Runs one REST method call (lookup, scope, operating limit, handler) and shapes its `time` block and success envelope. */
import { ApiError } from './api-error.js';
import { formatDateTime } from './format.js';
import type { OperatingMeter } from './limits.js';
import type { MethodContext, MethodDef, MethodResult } from './methods.js';
import type { Params } from './params.js';
import type { PortalClock, PortalOptions } from './portal-types.js';

export type Outcome = { ok: true; res: MethodResult; time: Record<string, unknown> } | { ok: false; err: ApiError };

/** What the executor needs from the portal. */
export interface ExecutorDeps {
  methods: ReadonlyMap<string, MethodDef>;
  scopes: readonly string[];
  clock: PortalClock;
  /** The portal's options; `operatingLimit` is read on every call. */
  opts: PortalOptions;
  meter: OperatingMeter;
  ctx: MethodContext;
  timeZone: string;
}

export function createExecutor(d: ExecutorDeps): (method: string, p: Params) => Outcome {
  const { methods, scopes, clock, opts, meter, ctx, timeZone: tz } = d;

  const timeOf = (method: string, startMs: number, endMs: number, processing: number): Record<string, unknown> => ({
    start: startMs / 1000,
    finish: endMs / 1000,
    duration: (endMs - startMs) / 1000,
    processing,
    date_start: formatDateTime(startMs, tz),
    date_finish: formatDateTime(endMs, tz),
    operating_reset_at: meter.resetAt(method, endMs),
    operating: meter.total(method, endMs),
  });

  /** One REST method call: lookup → scope → operating limit → handler (§10 items 4, 5, 8). */
  const execute = (method: string, p: Params): Outcome => {
    const def = methods.get(method);
    if (!def) return { ok: false, err: new ApiError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!') };
    if (def.scope !== 'basic' && !scopes.includes(def.scope)) {
      return { ok: false, err: new ApiError(403, 'insufficient_scope', 'The request requires higher privileges than provided by the webhook token') };
    }
    const startMs = clock.now();
    const op = opts.operatingLimit;
    if (op?.enabled && meter.total(method, startMs) > op.limitSeconds) {
      return { ok: false, err: new ApiError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.') };
    }
    const t0 = performance.now();
    let res: MethodResult;
    try {
      res = def.handler(p, ctx);
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, err: e };
      return { ok: false, err: new ApiError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error') };
    }
    const processing = (performance.now() - t0) / 1000;
    const endMs = clock.now();
    meter.charge(method, endMs, op?.costSeconds ?? processing);
    return { ok: true, res, time: timeOf(method, startMs, endMs, processing) };
  };

  return execute;
}

/** The JSON body of a successful single call: result, total and next when present, time. */
export function envelope(o: { res: MethodResult; time: Record<string, unknown> }): Record<string, unknown> {
  return {
    result: o.res.result,
    ...(o.res.total === undefined ? {} : { total: o.res.total }),
    ...(o.res.next === undefined ? {} : { next: o.res.next }),
    time: o.time,
  };
}
