import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hostVerdict } from './host-header.js';

/**
 * Refuses requests addressed to another site (421) or with a Host that is no host name at all (400), before
 * any route runs. This is what stops DNS rebinding: a page on an attacker's site cannot reach the service
 * through a name it re-pointed here. `req.host` honours X-Forwarded-Host only from TRUSTED_PROXIES. The
 * answer is JSON; on the SOAP paths rewriteErrorsAsSoapFaults turns it into a SOAP Client fault.
 */
export function registerHostGuard(fastify: FastifyInstance, publicUrl: string): void {
  const publicHostname = new URL(publicUrl).hostname;
  fastify.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const verdict = hostVerdict(req.host, publicHostname);
    if (verdict === 'invalid') {
      await reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: 'The Host header is not a valid host name.' });
    } else if (verdict === 'foreign') {
      await reply.status(421).send({
        statusCode: 421,
        error: 'Misdirected Request',
        message: `This service answers only to ${publicHostname} (PUBLIC_URL) and localhost; this request was addressed to another host.`,
      });
    }
  });
}
