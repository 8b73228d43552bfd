import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * `X-Content-Type-Options: nosniff` on every answer, errors included (onSend runs for those too): a browser
 * then never runs a body as script or style unless its Content-Type says so, whatever text it carries.
 */
export function registerNosniff(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    void reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
}
