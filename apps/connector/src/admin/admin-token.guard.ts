import { Injectable, Logger, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { secretsEqual } from '../common/secrets-equal.js';
import { AppConfig } from '../config/app-config.js';

/** `Authorization: Bearer <ADMIN_TOKEN>` on every /admin route; runs before validation, so 401 beats 400. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly logger = new Logger(AdminTokenGuard.name);

  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const header = req.headers.authorization ?? '';
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    const token = m?.[1];
    if (token !== undefined && this.config.adminToken !== '' && secretsEqual(token, this.config.adminToken)) return true;
    this.logger.warn({
      event: 'admin.auth_rejected',
      reason: token === undefined ? 'no bearer token' : 'wrong bearer token',
      method: req.method,
      path: req.url.split('?')[0],
      action: 'request refused; send Authorization: Bearer <ADMIN_TOKEN> (see the data folder or the ADMIN_TOKEN variable)',
    });
    throw new UnauthorizedException('Send Authorization: Bearer <ADMIN_TOKEN>.');
  }
}
