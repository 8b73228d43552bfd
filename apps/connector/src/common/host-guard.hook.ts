import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { hostVerdict } from './host-header.js';

/**
 * Refuses requests addressed to another site (421) or with a Host that is no host name at all (400), before
 * any route runs. This is what stops DNS rebinding: a page on an attacker's site cannot reach the service
 * through a name it re-pointed here. `req.host` honours X-Forwarded-Host only from TRUSTED_PROXIES. The
 * answer is JSON; on the SOAP paths rewriteErrorsAsSoapFaults turns it into a SOAP Client fault.
 */
export function registerHostGuard(fastify: FastifyInstance, publicUrl: string): void {
  const publicHostname = new URL(publicUrl).hostname;
  // A callback hook, not an async one: it runs on every request, and an async hook costs a promise each time (issue 14).
  // A refused request is answered here, and Fastify ends it without `done` being called.
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const verdict = hostVerdict(req.host, publicHostname);
    if (verdict === 'invalid') {
      void reply.status(400).send({ statusCode: 400, error: 'Bad Request', message: 'The Host header is not a valid host name.' });
    } else if (verdict === 'foreign') {
      void reply.status(421).send({
        statusCode: 421,
        error: 'Misdirected Request',
        message: `This service answers only to ${publicHostname} (PUBLIC_URL) and localhost; this request was addressed to another host.`,
      });
    } else {
      done();
    }
  });
}
