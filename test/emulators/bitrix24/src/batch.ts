/** The `batch` method (§3, §10 item 10): running up to 50 sub-commands in order, `$result[...]` substitution, `halt`, and the batch answer. */
import { ApiError } from './api-error.js';
import { formatDateTime, phpJson, phpMap } from './format.js';
import type { Outcome } from './method-executor.js';
import { asFlag, asList, isRecord, param, parseQueryString, type Params } from './params.js';
import { faultError, type FaultQueue } from './portal-faults.js';
import { errorAnswer, normalizeMethod, type Answer } from './portal-http.js';
import type { PortalClock } from './portal-types.js';

const MAX_BATCH = 50;

/** What a batch needs from the portal. */
export interface BatchDeps {
  clock: PortalClock;
  timeZone: string;
  faults: FaultQueue;
  execute: (method: string, p: Params) => Outcome;
}

/** `batch` (§3, §10 item 10): ≤ 50 sequential commands, `$result[...]` substitution, `halt`, HTTP 200. */
export function runBatch(p: Params, d: BatchDeps): { answer: Answer; commands: number; methods: string[] } {
  const { clock, timeZone: tz, faults, execute } = d;
  const startMs = clock.now();
  const cmd = param(p, 'cmd');
  const entries: Array<[string, unknown]> = Array.isArray(cmd) ? cmd.map((v, i) => [String(i), v]) : isRecord(cmd) ? Object.entries(cmd) : [];
  if (entries.length > MAX_BATCH) {
    return { answer: errorAnswer(new ApiError(400, 'ERROR_BATCH_LENGTH_EXCEEDED', 'Max batch length exceeded')), commands: entries.length, methods: [] };
  }
  const halt = asFlag(param(p, 'halt'));
  const result: Array<[string, unknown]> = [];
  const errors: Array<[string, unknown]> = [];
  const totals: Array<[string, unknown]> = [];
  const nexts: Array<[string, unknown]> = [];
  const times: Array<[string, unknown]> = [];
  const done = new Map<string, unknown>();
  const ran: string[] = [];
  for (const [key, raw] of entries) {
    const text = String(raw);
    const q = text.indexOf('?');
    const method = normalizeMethod(q < 0 ? text : text.slice(0, q));
    ran.push(method);
    const subParams = substitute(parseQueryString(q < 0 ? '' : text.slice(q + 1)), done);
    let outcome: Outcome;
    const fault = method === 'batch' ? undefined : faults.take(method, true);
    const faultErr = fault ? faultError(fault.kind) : undefined;
    if (method === 'batch') outcome = { ok: false, err: new ApiError(405, 'ERROR_BATCH_METHOD_NOT_ALLOWED', 'Method is not allowed for batch usage') };
    else if (faultErr) outcome = { ok: false, err: faultErr };
    else outcome = execute(method, subParams);
    if (!outcome.ok) {
      errors.push([key, { error: outcome.err.code, error_description: outcome.err.description }]);
      if (halt) break;
      continue;
    }
    done.set(key, outcome.res.result);
    result.push([key, outcome.res.result]);
    if (outcome.res.total !== undefined) totals.push([key, outcome.res.total]);
    if (outcome.res.next !== undefined) nexts.push([key, outcome.res.next]);
    times.push([key, outcome.time]);
  }
  const endMs = clock.now();
  const body = {
    result: { result: phpMap(result), result_error: phpMap(errors), result_total: phpMap(totals), result_next: phpMap(nexts), result_time: phpMap(times) },
    // The outer batch call is not counted in `operating` (§2.2).
    time: {
      start: startMs / 1000,
      finish: endMs / 1000,
      duration: (endMs - startMs) / 1000,
      processing: (endMs - startMs) / 1000,
      date_start: formatDateTime(startMs, tz),
      date_finish: formatDateTime(endMs, tz),
      operating_reset_at: Math.floor(endMs / 1000) + 600,
      operating: 0,
    },
  };
  return { answer: { status: 200, body: phpJson(body) }, commands: entries.length, methods: ran };
}

const REF = /\$result\[([^\]]+)\]((?:\[[^\]]*\])*)/g;

/** Replaces `$result[key][path…]` in every string value with earlier command results (§3). */
function substitute(p: Params, done: ReadonlyMap<string, unknown>): Params {
  const resolve = (key: string, path: string): unknown => {
    let cur: unknown = done.get(key);
    for (const m of path.matchAll(/\[([^\]]*)\]/g)) {
      const k = m[1] ?? '';
      const list = Array.isArray(cur) ? cur : undefined;
      cur = list ? list[Number(k)] : isRecord(cur) ? cur[k] : undefined;
    }
    return cur;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const whole = /^\$result\[([^\]]+)\]((?:\[[^\]]*\])*)$/.exec(v);
      if (whole) {
        const r = resolve(whole[1] ?? '', whole[2] ?? '');
        return r === undefined || r === null ? '' : typeof r === 'object' ? r : String(r);
      }
      return v.replace(REF, (_all, key: string, path: string) => {
        const r = resolve(key, path);
        return r === undefined || r === null || typeof r === 'object' ? '' : String(r);
      });
    }
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    const list = Array.isArray(v) ? asList(v) : undefined;
    return list ? list.map(walk) : v;
  };
  const out = walk(p);
  return isRecord(out) ? out : {};
}
