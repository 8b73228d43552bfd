import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { BackupError, type BackupErrorCode } from './backup.error.js';

function assertNever(value: never): never {
  throw new Error(`unhandled backup error code ${String(value)}`);
}

const statusFor = (code: BackupErrorCode): number => {
  switch (code) {
    // Not something this server does for PostgreSQL: the message names pg_dump.
    case 'USE_PG_DUMP':
      return HttpStatus.NOT_IMPLEMENTED;
    case 'NO_DATABASE_FILE':
      return HttpStatus.CONFLICT;
    default:
      return assertNever(code);
  }
};

/** BackupError in the global JSON error shape `{ statusCode, error, message }`. */
@Catch(BackupError)
export class BackupErrorFilter implements ExceptionFilter {
  catch(exception: BackupError, host: ArgumentsHost): void {
    const status = statusFor(exception.code);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(status).send({ statusCode: status, error: HttpStatus[status] ?? 'Error', code: exception.code, message: exception.message });
  }
}
