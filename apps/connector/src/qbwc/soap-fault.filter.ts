import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import { buildSoapFault, SoapRequestError } from '@qb-b24/qbwc-soap';
import type { FastifyReply } from 'fastify';

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
    } else {
      const reason = exception instanceof Error ? exception.message : String(exception);
      this.logger.error({ event: 'qbwc.internal_error', reason });
      body = buildSoapFault('Server', 'Internal error in the connector; see its log.');
    }
    void reply.status(500).header('content-type', 'text/xml; charset=utf-8').send(body);
  }
}
