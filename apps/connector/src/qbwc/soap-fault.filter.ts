import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import { buildSoapFault, SoapRequestError } from '@qb-b24/qbwc-soap';
import type { FastifyReply } from 'fastify';
import { isDatabaseBusy } from '../common/database-busy.js';

/**
 * QBWC must never receive a JSON error body (STYLE §2.5): anything thrown on the SOAP routes becomes a
 * SOAP 1.1 Fault with HTTP 500 — `soap:Client` when the request was not a QBWC call we can read,
 * `soap:Server` for our own failures — and never a stack trace.
 */
@Catch()
export class SoapFaultFilter implements ExceptionFilter {
  private readonly logger = new Logger(SoapFaultFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let body: string;
    if (exception instanceof SoapRequestError) {
      this.logger.warn({ event: 'qbwc.bad_request', code: exception.code, reason: exception.message });
      body = buildSoapFault('Client', exception.message);
    } else if (isDatabaseBusy(exception)) {
      // Web Connector shows the fault text and tries again at its next scheduled run; the session state is intact.
      this.logger.warn({
        event: 'db.busy',
        reason: exception instanceof Error ? exception.message : String(exception),
        action: 'Web Connector retries at its next run',
      });
      body = buildSoapFault('Server', 'The connector database is busy (locked by another process); nothing was changed. The next scheduled run retries.');
    } else {
      const reason = exception instanceof Error ? exception.message : String(exception);
      this.logger.error({ event: 'qbwc.internal_error', reason });
      body = buildSoapFault('Server', 'Internal error in the connector; see its log.');
    }
    void reply.status(500).header('content-type', 'text/xml; charset=utf-8').send(body);
  }
}
