import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DATABASE_BUSY_MESSAGE, isDatabaseBusy } from './database-busy.js';

/**
 * The JSON edge (admin, status, Bitrix24 events): `{ statusCode, error, message }` and never a stack trace.
 * The SOAP routes have their own filter, because QBWC must never see JSON.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'object' && res !== null && 'message' in res ? (res as { message: unknown }).message : exception.message;
      void reply.status(status).send({ statusCode: status, error: HttpStatus[status] ?? 'Error', message });
      return;
    }
    // Errors raised while reading the request (Fastify's 413/415, our JSON body checks) carry their status.
    if (
      exception instanceof Error &&
      'statusCode' in exception &&
      typeof exception.statusCode === 'number' &&
      exception.statusCode >= 400 &&
      exception.statusCode < 500
    ) {
      const status = exception.statusCode;
      void reply.status(status).send({ statusCode: status, error: HttpStatus[status] ?? 'Error', message: exception.message });
      return;
    }
    if (isDatabaseBusy(exception)) {
      this.logger.warn({
        event: 'db.busy',
        reason: exception instanceof Error ? exception.message : String(exception),
        action: 'the caller was told to retry',
      });
      void reply.status(503).header('retry-after', '5').send({ statusCode: 503, error: 'SERVICE_UNAVAILABLE', message: DATABASE_BUSY_MESSAGE });
      return;
    }
    this.logger.error({ event: 'http.internal_error', reason: exception instanceof Error ? exception.message : String(exception) });
    void reply.status(500).send({ statusCode: 500, error: 'INTERNAL_SERVER_ERROR', message: 'Internal error; see the connector log.' });
  }
}
