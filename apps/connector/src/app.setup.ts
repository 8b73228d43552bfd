import { Logger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildSoapFault } from '@qb-b24/qbwc-soap';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { HttpErrorFilter } from './common/http-error.filter.js';

export const JSON_BODY_LIMIT = 1024 * 1024;
const XML_TYPES = ['text/xml', 'application/xml', 'application/soap+xml'];

/** Builds the application exactly as production runs it; tests call this too. */
export async function createApp(config: AppConfig, logger?: LoggerService | false): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ routerOptions: { ignoreTrailingSlash: true }, bodyLimit: JSON_BODY_LIMIT });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: logger ?? new Logger(),
    bufferLogs: false,
    // Fastify's own JSON parser stays; Nest's would add a urlencoded parser that hides the raw event body.
    bodyParser: false,
    abortOnError: false,
  });
  configureApp(app, config);
  return app;
}

function isSoapPath(url: string): boolean {
  const path = url.split('?')[0]?.toLowerCase() ?? '';
  return /^\/(soap|qbwc)\/?$/.test(path);
}

/** Body parsers, limits and error shapes shared by main and tests. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  // SOAP arrives as text/xml and is parsed by libs/qbwc-soap, namespace-aware and DTD-free; a page of
  // QuickBooks records can be several MB, so its limit is separate from the JSON one.
  fastify.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit: config.qbwc.maxBodyBytes }, (_req, body, done) =>
    done(null, body),
  );
  // Bitrix24 event POSTs are form-encoded with PHP bracket keys; the webhook controller decodes them.
  if (fastify.hasContentTypeParser('application/x-www-form-urlencoded')) fastify.removeContentTypeParser('application/x-www-form-urlencoded');
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  // Errors raised before a route runs (too large, bad JSON, unknown content type) get the same shapes
  // as errors inside routes: a SOAP Fault on the QBWC paths, JSON elsewhere.
  fastify.setErrorHandler((error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
    if (isSoapPath(req.url)) {
      void reply
        .status(500)
        .header('content-type', 'text/xml; charset=utf-8')
        .send(buildSoapFault(status < 500 ? 'Client' : 'Server', status < 500 ? error.message : 'Internal error in the connector'));
      return;
    }
    void reply.status(status).send({ statusCode: status, error: error.code ?? 'ERROR', message: status < 500 ? error.message : 'Internal error' });
  });
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
}
