import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ReconcileError, type ReconcileErrorCode } from './reconcile.error.js';

function assertNever(value: never): never {
  throw new Error(`unhandled reconcile error code ${String(value)}`);
}

const statusFor = (code: ReconcileErrorCode): number => {
  switch (code) {
    case 'BITRIX24_NOT_CONFIGURED':
    case 'BITRIX24_UNAVAILABLE':
    case 'BITRIX24_TOO_SLOW':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default:
      return assertNever(code);
  }
};

/** Translates ReconcileError into the global JSON error shape `{ statusCode, error, message }`, plus its code. */
@Catch(ReconcileError)
export class ReconcileErrorFilter implements ExceptionFilter {
  catch(exception: ReconcileError, host: ArgumentsHost): void {
    const status = statusFor(exception.code);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(status).send({ statusCode: status, error: HttpStatus[status] ?? 'Error', code: exception.code, message: exception.message });
  }
}
