import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildSoapFault } from '@qb-b24/qbwc-soap';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { setupOpenApi } from './admin/open-api.setup.js';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { registerHostGuard } from './common/host-guard.hook.js';
import { registerNosniff } from './common/nosniff.hook.js';
import { registerRequestTurns } from './common/request-turns.hook.js';
import { WebConnectorCalls } from './common/web-connector-calls.js';
import { parseJsonBody } from './common/parse-json-body.js';
import { LiveTicketService } from './qbwc/live-ticket.service.js';
import { closeUnreadUploads, LINGER_IDLE_MS, LINGER_TOTAL_MS } from './qbwc/close-unread-uploads.js';
import { SOAP_CONTENT_TYPES, soapBodyParser } from './qbwc/read-soap-body.js';

export const JSON_BODY_LIMIT = 1024 * 1024;

/** Node's keep-alive default (5 s) is shorter than most reverse proxies'; Fastify's 72 s outlives them. */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * Connection limits, so that a client sending one byte every 20 s cannot hold a connection forever:
 * `connectionTimeout` closes a socket silent for idleTimeoutMs (upload or answer), and `requestTimeout`
 * bounds the whole upload (Node checks it every 30 s, so it fires up to 30 s late).
 */
export function httpTimeouts(http: Pick<AppConfig['http'], 'requestTimeoutMs' | 'idleTimeoutMs'>) {
  return { requestTimeout: http.requestTimeoutMs, connectionTimeout: http.idleTimeoutMs, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS };
}

/**
 * The HTTP adapter production uses; tests build theirs here too. With TRUSTED_PROXIES, `req.ip` is the
 * rightmost X-Forwarded-For address that is not a trusted proxy, and only when the direct peer is one;
 * otherwise it is the peer, whatever X-Forwarded-For says.
 */
export function createAdapter(config: AppConfig): FastifyAdapter {
  const trusted = config.http.trustedProxies;
  return new FastifyAdapter({
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: trusted.length > 0 ? [...trusted] : false,
    ...httpTimeouts(config.http),
  });
}

export const NEST_APP_OPTIONS = {
  bufferLogs: false,
  abortOnError: false,
  // Fastify's own JSON parser stays; Nest's would add a urlencoded parser that hides the raw event body.
  bodyParser: false,
} as const;

/** Builds the application exactly as production runs it. */
export async function createApp(config: AppConfig, logger?: LoggerService | false, options: ConfigureOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), createAdapter(config), {
    ...NEST_APP_OPTIONS,
    logger: logger ?? new Logger(),
  });
  configureApp(app, config, options);
  return app;
}

export interface ConfigureOptions {
  /** Off when a host runs several company apps and closes them itself (one signal listener, not one per app). */
  readonly shutdownHooks?: boolean;
  /** Off for an app that is only injected into (the host's server spreads requests over turns: RequestTurns). */
  readonly requestTurns?: boolean;
}

function isSoapPath(url: string): boolean {
  const path = url.split('?')[0]?.toLowerCase() ?? '';
  return /^\/(soap|qbwc)\/?$/.test(path);
}

/** Body parsers, limits and error shapes shared by main and tests. */
export function configureApp(app: INestApplication, config: AppConfig, options: ConfigureOptions = {}): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  // First, so a request for another site is refused before anything else looks at it.
  registerHostGuard(fastify, config.http.publicUrl);
  registerNosniff(fastify);
  // SOAP arrives as text/xml and is parsed by libs/qbwc-soap, namespace-aware and DTD-free; a page of
  // QuickBooks records can be several MB, so its limit is separate from the JSON one, and every other
  // operation is held to 64 KiB before any parse (soapBodyParser). XML on any other path is refused unread.
  fastify.addContentTypeParser(
    SOAP_CONTENT_TYPES,
    soapBodyParser({ maxBodyBytes: config.qbwc.maxBodyBytes, soapPath: isSoapPath, liveTicket: (_req, ticket) => app.get(LiveTicketService).isLive(ticket) }),
  );
  closeUnreadUploads(fastify, { totalMs: LINGER_TOTAL_MS, idleMs: LINGER_IDLE_MS, maxBytes: config.qbwc.maxBodyBytes });
  countWebConnectorCalls(fastify, app.get(WebConnectorCalls));
  // A company app of a multi-company service is only injected into: the host's server, which holds the
  // connections, spreads the work over turns (company-host.ts).
  if (options.requestTurns !== false) registerRequestTurns(fastify);
  // Nothing here takes text/plain: without a parser Fastify answers 415 (STYLE §2.5) instead of handing a
  // string to a DTO.
  fastify.removeContentTypeParser('text/plain');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(String(body)));
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)), undefined);
    }
  });
  // Bitrix24 event POSTs are form-encoded with PHP bracket keys; the webhook controller decodes them.
  if (fastify.hasContentTypeParser('application/x-www-form-urlencoded')) fastify.removeContentTypeParser('application/x-www-form-urlencoded');
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_req, body, done) => done(null, body));
  rewriteErrorsAsSoapFaults(fastify, isSoapPath);
  app.useGlobalFilters(new HttpErrorFilter());
  setupOpenApi(app, config.version);
  // Swagger UI's page loads its assets relative to itself, so it only works as /docs/; the documented /docs redirects.
  // A callback hook, not an async one: it runs on every request, and an async hook costs a promise each time (issue 14).
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (req.method === 'GET' && req.url.split('?')[0] === '/docs') void reply.redirect(`${config.http.basePath}/docs/`, 301);
    else done();
  });
  if (options.shutdownHooks !== false) app.enableShutdownHooks();
}

/**
 * Counts the Web Connector calls being answered (WebConnectorCalls), from arrival to the end of the answer or of the
 * connection ('close' comes either way, injected requests included), so the Bitrix24 worker can give way to them.
 */
function countWebConnectorCalls(fastify: FastifyInstance, calls: WebConnectorCalls): void {
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (req.method === 'POST' && isSoapPath(req.url)) reply.raw.once('close', calls.begin());
    done();
  });
}

/**
 * Errors raised before a route runs (body too large, bad JSON, unknown content type) are answered by
 * Fastify/Nest in JSON. QBWC must never see JSON (STYLE §2.5), so on the SOAP paths such an answer
 * is rewritten into a SOAP 1.1 Fault; elsewhere it keeps the JSON error shape.
 */
export function rewriteErrorsAsSoapFaults(fastify: FastifyInstance, soapPath: (url: string) => boolean): void {
  // A callback hook, not an async one: it runs on every answer, and an async hook costs a promise each time (issue 14).
  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void) => {
    if (!soapPath(req.url) || reply.statusCode < 400 || String(reply.getHeader('content-type') ?? '').includes('xml')) {
      done(null, payload);
      return;
    }
    const status = reply.statusCode;
    // A 413 leaves the rest of the upload unread: closing the connection stops the client sending it.
    if (status === 413) void reply.header('connection', 'close');
    void reply.status(500).header('content-type', 'text/xml; charset=utf-8');
    done(null, buildSoapFault(status < 500 ? 'Client' : 'Server', soapFaultText(status, payload)));
  });
}

function soapFaultText(status: number, payload: unknown): string {
  if (status === 415) return 'Unsupported content type: send text/xml';
  if (typeof payload === 'string') {
    try {
      const parsed: unknown = JSON.parse(payload);
      if (typeof parsed === 'object' && parsed !== null && 'message' in parsed && status < 500) return String(parsed.message);
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
    }
  }
  if (status === 413) return 'Request body too large';
  return status < 500 ? 'Bad request' : 'Internal error in the connector';
}
