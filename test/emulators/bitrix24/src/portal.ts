/**
 * The Bitrix24 portal emulator: a real HTTP server on 127.0.0.1 answering the REST API through an
 * inbound webhook, quirks included (bitrix24.md §10). Entry point: `startBitrix24Portal`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError } from './api-error.js';
import { EVENT_PREFIX } from './entity-fields.js';
import { EventDispatcher } from './events.js';
import { formatDateTime, phpJson, phpMap } from './format.js';
import { LeakyBucket, OperatingMeter } from './limits.js';
import { buildMethodTable, type MethodContext, type MethodResult } from './methods.js';
import { asFlag, asList, isRecord, mergeParams, param, parseMultipart, parseQueryString, type Params } from './params.js';
import type { Bitrix24Portal, Fault, PortalCallRecord, PortalOptions } from './portal-types.js';
import { CrmStore } from './store.js';

const MAX_BATCH = 50;

interface Answer {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  error?: string;
}
type Outcome = { ok: true; res: MethodResult; time: Record<string, unknown> } | { ok: false; err: ApiError };

function errorAnswer(e: ApiError): Answer {
  return { status: e.status, body: phpJson({ error: e.code, error_description: e.description }), error: e.code === '' ? e.description : String(e.code) };
}

/** Fault kinds expressible as a JSON error (also usable inside batch sub-commands). */
function faultError(kind: Fault['kind']): ApiError | undefined {
  switch (kind) {
    case 'QUERY_LIMIT_EXCEEDED':
      return new ApiError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests');
    case 'OPERATION_TIME_LIMIT':
      return new ApiError(429, 'OPERATION_TIME_LIMIT', 'Method is blocked due to operation time limit.');
    case 'INTERNAL_SERVER_ERROR':
      return new ApiError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    case 'NO_AUTH_FOUND':
      return new ApiError(401, 'NO_AUTH_FOUND', 'Wrong authorization data');
    case 'insufficient_scope':
      return new ApiError(403, 'insufficient_scope', 'The request requires higher privileges than provided by the webhook token');
    default:
      return undefined;
  }
}

function randomCode(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Starts a portal on 127.0.0.1 with an OS-assigned port. */
export async function startBitrix24Portal(opts: PortalOptions = {}): Promise<Bitrix24Portal> {
  const clock = opts.clock ?? { now: () => Date.now() };
  const userId = opts.userId ?? 1;
  const code = opts.code ?? randomCode();
  const scopes = opts.scopes ?? ['crm', 'catalog', 'user'];
  const tz = opts.timeZone ?? '+03:00';
  const calls: PortalCallRecord[] = [];
  const faults: Array<Fault & { left: number }> = [];
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const bucket = opts.rateLimit?.enabled ? new LeakyBucket(opts.rateLimit.capacity, opts.rateLimit.drainPerSecond, clock.now()) : undefined;
  const meter = new OperatingMeter();
  let port = 0;
  const memberId = randomBytes(16).toString('hex');

  const events = new EventDispatcher(
    {
      domain: '127.0.0.1',
      clientEndpoint: 'http://127.0.0.1/rest/',
      memberId,
      nowSeconds: () => Math.floor(clock.now() / 1000),
    },
    opts.events,
  );

  const store = new CrmStore({
    userId,
    timeZone: tz,
    now: () => clock.now(),
    onChange: (c) => events.emit(`${EVENT_PREFIX[c.entity]}${c.kind}`, c.extra ?? { ID: String(c.id) }),
  });
  store.variants = { ...store.variants, ...opts.variants };
  const methods = buildMethodTable();
  const ctx: MethodContext = { store, userId, scopes, timeZone: tz, now: () => clock.now() };

  const takeFault = (method: string, inBatch: boolean): Fault | undefined => {
    const f = faults.find((x) => {
      if (x.left <= 0 || x.kind === 'lateAnswer') return false;
      if (inBatch) return x.methods !== undefined && x.methods.includes(method) && faultError(x.kind) !== undefined;
      return x.methods === undefined || x.methods.includes(method);
    });
    if (f) f.left -= 1;
    return f;
  };

  /**
   * `lateAnswer` models a portal that processed the request while the client gave up: the cloud runs a REST call
   * for up to 60 s (bitrix24.md §1.4 "Request execution time limit"), far past a client's own timeout, and a
   * client that then resends a create duplicates it (bitrix24.md §9, b24jssdk PR #32). Taken after processing.
   */
  const takeLateAnswer = (method: string, batchMethods: readonly string[]): Fault | undefined => {
    const f = faults.find(
      (x) =>
        x.left > 0 && x.kind === 'lateAnswer' && (x.methods === undefined || x.methods.includes(method) || batchMethods.some((m) => x.methods?.includes(m))),
    );
    if (f) f.left -= 1;
    return f;
  };

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

  const envelope = (o: { res: MethodResult; time: Record<string, unknown> }): Record<string, unknown> => ({
    result: o.res.result,
    ...(o.res.total === undefined ? {} : { total: o.res.total }),
    ...(o.res.next === undefined ? {} : { next: o.res.next }),
    time: o.time,
  });

  /** `batch` (§3, §10 item 10): ≤ 50 sequential commands, `$result[...]` substitution, `halt`, HTTP 200. */
  const runBatch = (p: Params): { answer: Answer; commands: number; methods: string[] } => {
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
      const fault = method === 'batch' ? undefined : takeFault(method, true);
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
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const m = /^\/rest\/([^/]+)\/([^/]+)\/([^/]+?)\/?$/.exec(url.pathname);
    const method = normalizeMethod(m?.[3] ?? url.pathname.replace(/^\/rest\//, ''));
    const record = (a: Answer, batchCommands?: number, batchMethods?: readonly string[]): void => {
      calls.push({
        method,
        httpStatus: a.status,
        at: clock.now(),
        ...(a.error === undefined ? {} : { error: a.error }),
        ...(batchCommands === undefined ? {} : { batchCommands }),
        ...(batchMethods === undefined ? {} : { batchMethods }),
      });
    };
    const send = (a: Answer): void => {
      // A late answer's client may have given up meanwhile: there is nobody left to answer.
      if (res.destroyed) return;
      res.writeHead(a.status, { 'content-type': a.contentType ?? 'application/json; charset=utf-8', ...a.headers });
      res.end(a.body);
    };
    // §10 item 1: unknown user or code → 401 NO_AUTH_FOUND.
    if (!m || m[1] !== String(userId) || m[2] !== code) {
      const a = errorAnswer(new ApiError(401, 'NO_AUTH_FOUND', 'Wrong authorization data'));
      record(a);
      send(a);
      return;
    }
    const fault = takeFault(method, false);
    if (fault?.latencyMs) await delay(fault.latencyMs);
    if (fault && fault.kind !== 'latency') {
      if (fault.kind === 'timeout') {
        // The socket stays open without an answer until the client gives up (or close()).
        calls.push({ method, httpStatus: 0, error: 'timeout', at: clock.now() });
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      let a: Answer;
      if (fault.kind === 'html') {
        // Non-JSON bodies happen in the wild (§9, fast_bitrix24#216).
        const status = fault.status ?? 502;
        const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
        a = {
          status,
          contentType: 'text/html; charset=utf-8',
          error: 'html',
          body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
        };
      } else if (fault.kind === 'redirect') {
        // Portal domain change (§1.4): 302 with Location; the "new domain" is this same server.
        a = {
          status: 302,
          body: '',
          contentType: 'text/html; charset=utf-8',
          error: 'redirect',
          headers: { location: `http://127.0.0.1:${port}${url.pathname}${url.search}` },
        };
      } else {
        const e = faultError(fault.kind);
        a = errorAnswer(e ?? new ApiError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error'));
      }
      record(a);
      send(a);
      return;
    }
    // §10 item 7: one HTTP request (batch included) = one bucket hit.
    if (bucket && !bucket.take(clock.now())) {
      const a = errorAnswer(new ApiError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests'));
      record(a);
      send(a);
      return;
    }
    const params = requestParams(req, url, body);
    if (method === 'batch') {
      const { answer, commands, methods: ran } = runBatch(params);
      record(answer, commands, ran);
      const late = takeLateAnswer(method, ran);
      if (late) await delay(late.latencyMs ?? 0);
      send(answer);
      return;
    }
    const outcome = execute(method, params);
    const a: Answer = outcome.ok ? { status: 200, body: phpJson(envelope(outcome)) } : errorAnswer(outcome.err);
    record(a);
    const late = takeLateAnswer(method, []);
    if (late) await delay(late.latencyMs ?? 0);
    send(a);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(phpJson({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' }));
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  events.setEndpoint(`127.0.0.1:${port}`, `${base}/rest/`);

  return {
    webhookUrl: `${base}/rest/${userId}/${code}/`,
    calls,
    sentEvents: events.log,
    resetCalls: () => void calls.splice(0, calls.length),
    injectFault: (f) => void faults.push({ ...f, left: f.count }),
    ui: {
      add: (entity, fields) => store.add(entity, fields, 'ui'),
      update: (entity, id, fields) => store.update(entity, id, fields, 'ui'),
      delete: (entity, id) => store.delete(entity, id),
    },
    get: (entity, id) => store.render(entity, id),
    list: (entity) => store.renderAll(entity),
    productRows: (dealId) => (store.has('deal', dealId) ? store.productRows(dealId) : []),
    setEvents: (e, knobs) => events.configure(e, knobs),
    idle: () => events.idle(),
    addDealCategory: (name) => store.addCategory(name),
    get variants() {
      return store.variants;
    },
    set variants(v) {
      store.variants = { ...v };
    },
    addCurrency: (row) => void store.currencies.push({ amountCnt: 1, sort: 1000 + store.currencies.length * 10, base: false, fullName: row.currency, ...row }),
    close: async () => {
      events.close();
      for (const r of hanging) r.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Method names are case-insensitive; `.json`/`.xml` suffixes are optional (§1.1). */
function normalizeMethod(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/\.(json|xml)$/, '');
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Query string merged with the body (JSON, form-urlencoded or multipart); a GET body is ignored (§6.3, #223). */
function requestParams(req: IncomingMessage, url: URL, body: Buffer): Params {
  const query = parseQueryString(url.search.replace(/^\?/, ''));
  if (req.method === 'GET' || body.length === 0) return query;
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  let parsed: Params = {};
  if (type.includes('json')) {
    try {
      const v: unknown = JSON.parse(body.toString('utf8'));
      // PHP json_decode of a non-object (or invalid JSON) yields no parameters.
      if (isRecord(v)) parsed = v;
    } catch {
      parsed = {};
    }
  } else if (type.includes('multipart/form-data')) parsed = parseMultipart(body, type);
  else parsed = parseQueryString(body.toString('utf8'));
  return mergeParams(query, parsed);
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
