import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AdminError, type AdminErrorCode } from './admin.error.js';

function assertNever(value: never): never {
  throw new Error(`unhandled admin error code ${String(value)}`);
}

const statusFor = (code: AdminErrorCode): number => {
  switch (code) {
    case 'NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'INVALID_STATE':
      return HttpStatus.CONFLICT;
    case 'INVALID_MAPPING':
      return HttpStatus.BAD_REQUEST;
    default:
      return assertNever(code);
  }
};

/** Translates AdminError at the admin edge into the global JSON error shape `{ statusCode, error, message }`. */
@Catch(AdminError)
export class AdminErrorFilter implements ExceptionFilter {
  catch(exception: AdminError, host: ArgumentsHost): void {
    const status = statusFor(exception.code);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(status).send({ statusCode: status, error: HttpStatus[status] ?? 'Error', message: exception.message });
  }
}
