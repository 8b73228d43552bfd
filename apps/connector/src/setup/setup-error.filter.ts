import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { SetupError, type SetupErrorCode } from './setup.error.js';

function assertNever(value: never): never {
  throw new Error(`unhandled setup error code ${String(value)}`);
}

const statusFor = (code: SetupErrorCode): number => {
  switch (code) {
    case 'BAD_INPUT':
    case 'WEBHOOK_REFUSED':
    case 'WEBHOOK_SCOPES':
      return HttpStatus.BAD_REQUEST;
    case 'SET_BY_ENVIRONMENT':
      return HttpStatus.CONFLICT;
    case 'WEBHOOK_UNREACHABLE':
      return HttpStatus.BAD_GATEWAY;
    default:
      return assertNever(code);
  }
};

/** `{ statusCode, error, code, message }`: the page shows `message` as it is. */
@Catch(SetupError)
export class SetupErrorFilter implements ExceptionFilter {
  catch(exception: SetupError, host: ArgumentsHost): void {
    const status = statusFor(exception.code);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(status).send({ statusCode: status, error: HttpStatus[status] ?? 'Error', code: exception.code, message: exception.message });
  }
}
