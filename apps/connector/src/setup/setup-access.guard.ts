import { Injectable, Logger, UnauthorizedException, UnsupportedMediaTypeException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { secretsEqual } from '../common/secrets-equal.js';
import { AppConfig } from '../config/app-config.js';
import { isLoopbackAddress } from './setup-input.js';

/**
 * The setup data (the Web Connector password, the .qwc) and its actions: open to this machine, and to anyone else
 * with `Authorization: Bearer <ADMIN_TOKEN>` (the page asks for it and keeps it in the tab's sessionStorage).
 *
 * "This machine" is the client address as the server resolves it: behind a proxy listed in TRUSTED_PROXIES that is
 * the real client; a request that names a client in X-Forwarded-For/Forwarded through a proxy we do not trust is
 * never local, because such a proxy on this machine would make every visitor look like 127.0.0.1.
 *
 * Writes must be JSON: a browser cannot send that cross-site without a preflight we never grant, so another web
 * page open on this PC cannot save a webhook URL through the localhost exemption.
 */
@Injectable()
export class SetupAccessGuard implements CanActivate {
  private readonly logger = new Logger(SetupAccessGuard.name);

  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim()
        .toLowerCase();
      if (type !== 'application/json') throw new UnsupportedMediaTypeException('Send application/json.');
    }
    const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers['forwarded'] !== undefined;
    if (isLoopbackAddress(req.ip) && (!forwarded || this.config.http.trustedProxies.length > 0)) return true;
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    const token = m?.[1];
    if (token !== undefined && secretsEqual(token, this.config.adminToken)) return true;
    this.logger.warn({
      event: 'setup.auth_rejected',
      reason: token === undefined ? 'not from this machine and no bearer token' : 'wrong bearer token',
      path: req.url.split('?')[0],
      action: 'request refused; open /setup on the service PC, or enter the admin token on the page',
    });
    throw new UnauthorizedException('Open this page on the service PC, or enter the admin token.');
  }
}
