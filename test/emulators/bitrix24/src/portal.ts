/**
 * The Bitrix24 portal emulator: a real HTTP server on 127.0.0.1 answering the REST API through an
 * inbound webhook, quirks included (bitrix24.md §10). Entry point: `startBitrix24Portal`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ApiError } from './api-error.js';
import { runBatch } from './batch.js';
import { EVENT_PREFIX } from './entity-fields.js';
import { EventDispatcher } from './events.js';
import { phpJson } from './format.js';
import { LeakyBucket, OperatingMeter } from './limits.js';
import { createExecutor, envelope } from './method-executor.js';
import { buildMethodTable, type MethodContext } from './methods.js';
import { faultAnswer, FaultQueue } from './portal-faults.js';
import { type Answer, delay, errorAnswer, normalizeMethod, readBody, requestParams } from './portal-http.js';
import type { Bitrix24Portal, PortalCallRecord, PortalOptions } from './portal-types.js';
import { CrmStore } from './store.js';

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
  const faults = new FaultQueue();
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
  const execute = createExecutor({ methods, scopes, clock, opts, meter, ctx, timeZone: tz });

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
    const fault = faults.take(method, false);
    if (fault?.latencyMs) await delay(fault.latencyMs);
    if (fault && fault.kind !== 'latency') {
      if (fault.kind === 'timeout') {
        // The socket stays open without an answer until the client gives up (or close()).
        calls.push({ method, httpStatus: 0, error: 'timeout', at: clock.now() });
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      const a = faultAnswer(fault, port, url);
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
      const { answer, commands, methods: ran } = runBatch(params, { clock, timeZone: tz, faults, execute });
      record(answer, commands, ran);
      const late = faults.takeLateAnswer(method, ran);
      if (late) await delay(late.latencyMs ?? 0);
      send(answer);
      return;
    }
    const outcome = execute(method, params);
    const a: Answer = outcome.ok ? { status: 200, body: phpJson(envelope(outcome)) } : errorAnswer(outcome.err);
    record(a);
    const late = faults.takeLateAnswer(method, []);
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
    injectFault: (f) => faults.add(f),
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
