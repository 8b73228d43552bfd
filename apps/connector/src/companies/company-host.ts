import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildSoapFault } from '@qb-b24/qbwc-soap';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AggregatorRegistry, type Registry } from 'prom-client';
import { httpTimeouts, JSON_BODY_LIMIT, rewriteErrorsAsSoapFaults } from '../app.setup.js';
import { registerHostGuard } from '../common/host-guard.hook.js';
import { registerNosniff } from '../common/nosniff.hook.js';
import { registerRequestTurns } from '../common/request-turns.hook.js';
import type { AppConfig } from '../config/app-config.js';
import { companyBasePath } from '../config/load-companies.js';
import { ensurePostgresSchemas } from '../database/ensure-postgres-schema.js';
import { METRICS_REGISTRY } from '../metrics/metrics.tokens.js';
import { LiveTicketService } from '../qbwc/live-ticket.service.js';
import { closeUnreadUploads, LINGER_IDLE_MS, LINGER_TOTAL_MS } from '../qbwc/close-unread-uploads.js';
import { SOAP_CONTENT_TYPES, soapBodyParser } from '../qbwc/read-soap-body.js';
import { runForCompany } from './company-context.js';
import { combineHealth, combineStatus, type CompanyAnswer } from './company-summaries.js';
import { COMPANY_INDEX_CSP, renderCompanyIndex } from './render-company-index.js';

/** Builds one company's app (production: createApp; tests: a testing module with a fake clock). Not yet initialised. */
export type CompanyAppFactory = (config: AppConfig) => Promise<NestFastifyApplication>;

export interface CompanyHost {
  /** The one HTTP server every company is reached through. */
  readonly server: FastifyInstance;
  readonly companyIds: readonly string[];
  /** A company's own app, for operators' tooling and tests. */
  app(companyId: string): NestFastifyApplication;
  /** Listens and returns the base URL (`http://host:port`). */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

/** Response headers that belong to one hop: Fastify sets them again for the outer answer. */
const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);
const COMPANY_PATH = /^\/companies\/([^/?#]+)(.*)$/;
const SOAP_PATH = /^\/(companies\/[^/?#]+\/)?(soap|qbwc)\/?(\?.*)?$/i;

/**
 * Several companies in one service: each company is a complete app of its own (its DI container, database,
 * Bitrix24 client, scheduler and metrics), so no code path can read another company's rows. One Fastify
 * server routes `/companies/<id>/…` to that company's app, with the prefix removed, and answers the root
 * paths for the service as a whole (/health, /status, /metrics, the company index).
 */
export async function startCompanyHost(configs: readonly AppConfig[], createCompanyApp: CompanyAppFactory): Promise<CompanyHost> {
  const apps = new Map<string, NestFastifyApplication>();
  try {
    for (const [url, schemas] of schemasByDatabase(configs)) {
      try {
        await ensurePostgresSchemas(url, schemas);
      } catch (err) {
        throw new Error(`The companies' PostgreSQL schemas could not be created: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    }
    for (const config of configs) {
      // Started inside the company's context, so its timers and schedulers log with its id.
      await runForCompany(config.companyId, async () => {
        try {
          const app = await createCompanyApp(config);
          apps.set(config.companyId, app);
          await app.init();
        } catch (err) {
          // Which company failed is what the operator needs first (its database, usually).
          throw new Error(`Company "${config.companyId}" could not start: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
        }
      });
    }
  } catch (err) {
    await Promise.allSettled([...apps.values()].map((a) => a.close()));
    throw err;
  }
  const version = configs[0]?.version ?? '0.0.0';
  const bodyLimit = Math.max(JSON_BODY_LIMIT, ...configs.map((c) => c.qbwc.maxBodyBytes));
  // PUBLIC_URL, TRUSTED_PROXIES and the HTTP timeouts are the service's, so every company has the same.
  const http = configs[0]?.http;
  const server = buildServer(apps, version, bodyLimit, http ?? { publicUrl: 'http://localhost', trustedProxies: [] }, http);
  await server.ready();

  return {
    server,
    companyIds: [...apps.keys()],
    app(companyId) {
      const app = apps.get(companyId);
      if (!app) throw new Error(`No company "${companyId}" in this service`);
      return app;
    },
    async listen(port, host) {
      await server.listen({ port, host });
      const address = server.server.address();
      if (typeof address !== 'object' || address === null) throw new Error('The server has no address');
      return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    },
    async close() {
      await server.close();
      // Each company closes in its own context (its shutdown hooks may log).
      await Promise.allSettled([...apps.entries()].map(([id, a]) => runForCompany(id, () => a.close())));
    },
  };
}

function buildServer(
  apps: ReadonlyMap<string, NestFastifyApplication>,
  version: string,
  bodyLimit: number,
  http: Pick<AppConfig['http'], 'publicUrl' | 'trustedProxies'>,
  timeouts: AppConfig['http'] | undefined,
): FastifyInstance {
  const server = Fastify({
    bodyLimit,
    // The same rule as a company app (createAdapter): req.ip is the real client only behind a trusted proxy.
    trustProxy: http.trustedProxies.length > 0 ? [...http.trustedProxies] : false,
    // The outer server is the one clients hold connections to; the company apps are only injected into.
    ...(timeouts ? httpTimeouts(timeouts) : {}),
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot decode (`/companies/%E0%A4%A/qbwc`) reaches no company; on a Web Connector path
    // the answer must still be a SOAP Fault, never Fastify's JSON.
    frameworkErrors: answerUnroutableUrl,
  });
  // Bodies pass through untouched; each company app parses and limits them exactly as it does on its own.
  server.removeAllContentTypeParsers();
  // Only SOAP may be larger than the JSON limit: the company apps refuse anything else past it anyway.
  server.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT }, (_req, body, done) => done(null, body));
  // A SOAP body is held to its operation's limit here too (64 KiB unless it carries qbXML), so an oversized
  // authenticate is refused after 64 KiB instead of being buffered whole before a company app sees it.
  // A large one is read past 64 KiB only when its ticket is live in the company the path names.
  const liveTicket = async (req: FastifyRequest, ticket: string): Promise<boolean> => {
    const match = COMPANY_PATH.exec(req.url);
    const id = match?.[1] !== undefined ? safeDecode(match[1]) : undefined;
    const app = id !== undefined ? apps.get(id) : undefined;
    return app ? runForCompany(id ?? '', () => app.get(LiveTicketService).isLive(ticket)) : false;
  };
  server.addContentTypeParser(
    SOAP_CONTENT_TYPES,
    soapBodyParser({ maxBodyBytes: bodyLimit, as: 'buffer', liveTicket, soapPath: (url) => SOAP_PATH.test(url) }),
  );
  closeUnreadUploads(server, { totalMs: LINGER_TOTAL_MS, idleMs: LINGER_IDLE_MS, maxBytes: bodyLimit });
  rewriteErrorsAsSoapFaults(server, (url) => SOAP_PATH.test(url));
  registerHostGuard(server, http.publicUrl);
  // This server holds the connections: it spreads the requests over turns of the event loop, not the company apps.
  registerRequestTurns(server);
  registerNosniff(server);

  const forward = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const match = COMPANY_PATH.exec(req.url);
    const id = match?.[1] !== undefined ? safeDecode(match[1]) : undefined;
    const app = id !== undefined ? apps.get(id) : undefined;
    if (!match || id === undefined || !app) {
      return reply.status(404).send({ statusCode: 404, error: 'Not Found', message: 'No such company in this service' });
    }
    const rest = match[2] ?? '';
    const url = rest === '' || rest.startsWith('?') ? `/${rest}` : rest;
    const headers = { ...req.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    // Resolved here from a trusted proxy's headers (or not, from anyone else): the company app gets the
    // outcome, the client's address and the host it asked for, so it cannot judge them differently.
    delete headers['x-forwarded-for'];
    delete headers['x-forwarded-host'];
    if (req.host !== '') headers.host = req.host;
    const res = await runForCompany(id, () =>
      app.inject({
        method: req.method as 'GET',
        url,
        headers,
        ...(Buffer.isBuffer(req.body) ? { payload: req.body } : {}),
        remoteAddress: req.ip,
      }),
    );
    void reply.status(res.statusCode);
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name.toLowerCase())) void reply.header(name, value);
    }
    return reply.send(res.rawPayload);
  };
  server.all('/companies/:company', forward);
  server.all('/companies/:company/*', forward);

  const ask = (path: string): Promise<CompanyAnswer[]> =>
    Promise.all(
      [...apps.entries()].map(async ([companyId, app]) => {
        const res = await runForCompany(companyId, () => app.inject({ method: 'GET', url: path }));
        // A company that answers without JSON counts as unhealthy in the summary (combineHealth), not as a crash here.
        const json = String(res.headers['content-type'] ?? '').includes('application/json');
        return { companyId, httpStatus: res.statusCode, body: json ? parseJsonOrUndefined(res.body) : undefined };
      }),
    );

  server.get('/health', async (_req, reply) => {
    const health = combineHealth(await ask('/health'));
    return reply.status(health.status === 'error' ? 503 : 200).send(health);
  });
  server.get('/status', async () => combineStatus(await ask('/status'), version));
  server.get('/metrics', async (_req, reply) => {
    const registries = [...apps.values()].map((a) => a.get<Registry>(METRICS_REGISTRY));
    const merged = AggregatorRegistry.aggregate(await Promise.all(registries.map((r) => r.getMetricsAsJSON())));
    return reply.header('content-type', merged.contentType).send(await merged.metrics());
  });
  server.get('/', async (_req, reply) => {
    const health = await ask('/health');
    const html = renderCompanyIndex(
      health.map((h) => ({ id: h.companyId, status: combineHealth([h]).status })),
      version,
    );
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', COMPANY_INDEX_CSP)
      .send(html);
  });

  // A Web Connector or Bitrix24 pointed at the root of a multi-company service is misconfigured: say where to go.
  const hint = `This service hosts several companies; use your company's address under ${companyBasePath('<id>')}/ (the AppURL in its .qwc, the event handler URL in Bitrix24).`;
  server.post('/soap', soapHint(hint));
  server.post('/qbwc', soapHint(hint));
  server.setNotFoundHandler(async (_req, reply) => reply.status(404).send({ statusCode: 404, error: 'Not Found', message: hint }));
  return server;
}

/** The company schemas to create, by PostgreSQL database (companies on SQLite have none). */
function schemasByDatabase(configs: readonly AppConfig[]): Map<string, string[]> {
  const byUrl = new Map<string, string[]>();
  for (const c of configs) {
    if (c.database.type !== 'postgres' || !c.database.schema) continue;
    const list = byUrl.get(c.database.url) ?? [];
    list.push(c.database.schema);
    byUrl.set(c.database.url, list);
  }
  return byUrl;
}

function answerUnroutableUrl(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (SOAP_PATH.test(req.url)) {
    void reply.status(500).header('content-type', 'text/xml; charset=utf-8').send(buildSoapFault('Client', 'No such company in this service'));
    return;
  }
  void reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: err.message });
}

function soapHint(hint: string) {
  return async (_req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> =>
    reply.status(500).header('content-type', 'text/xml; charset=utf-8').send(buildSoapFault('Client', hint));
}

/** A malformed escape (`%E0%A4%A`) in the company segment is simply no company. */
function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch (err) {
    if (err instanceof URIError) return undefined;
    throw err;
  }
}

function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}
