import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { RequestTurns } from './request-turns.js';

/**
 * Every request on this server starts its work in turn (RequestTurns), so a burst of calls on open connections
 * does not keep new connections waiting. Registered after the host guard and the Web Connector call count, which
 * cost a few µs and must see a request at once; before everything else, which is the work being spread.
 */
export function registerRequestTurns(fastify: FastifyInstance, turns: RequestTurns = new RequestTurns()): void {
  fastify.server.on('connection', () => turns.connectionAccepted());
  // A callback hook, not an async one: it runs on every request, and an async hook costs a promise each time (issue 14).
  fastify.addHook('onRequest', (_req: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    turns.admit(done);
  });
}
