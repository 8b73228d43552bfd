import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * `X-Content-Type-Options: nosniff` on every answer, errors included (onSend runs for those too): a browser
 * then never runs a body as script or style unless its Content-Type says so, whatever text it carries.
 */
export function registerNosniff(fastify: FastifyInstance): void {
  // A callback hook, not an async one: it runs on every answer, and an async hook costs a promise each time (issue 14).
  fastify.addHook('onSend', (_req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void) => {
    void reply.header('x-content-type-options', 'nosniff');
    done(null, payload);
  });
}
