import Fastify, { type FastifyInstance } from 'fastify';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { registerRequestTurns } from '../request-turns.hook.js';

const CLIENTS = 20;
const WORK_MS = 2;

/** One keep-alive connection that sends GET /work and resolves with each answer. */
class Client {
  readonly socket: net.Socket;
  private pending: (() => void)[] = [];
  constructor(port: number) {
    this.socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      // Each answer is small and arrives whole; one per request.
      for (let i = chunk.toString('latin1').split('HTTP/1.1 ').length - 1; i > 0; i -= 1) this.pending.shift()?.();
    });
  }
  ask(): Promise<void> {
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.socket.write('GET /work HTTP/1.1\r\nHost: localhost\r\n\r\n');
    });
  }
}

/**
 * A server whose one route costs WORK_MS of CPU. Reports how many requests it had answered when its connection number
 * `watch` was accepted.
 */
async function server(withTurns: boolean, watch: number): Promise<{ app: FastifyInstance; port: number; answeredWhenAccepted: Promise<number> }> {
  const app = Fastify();
  if (withTurns) registerRequestTurns(app);
  let answered = 0;
  let connections = 0;
  const answeredWhenAccepted = new Promise<number>((resolve) => {
    app.server.on('connection', () => {
      connections += 1;
      if (connections === watch) resolve(answered);
    });
  });
  app.get('/work', (_req, reply) => {
    const until = performance.now() + WORK_MS;
    while (performance.now() < until);
    answered += 1;
    void reply.send('ok');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address !== null ? address.port : 0, answeredWhenAccepted };
}

describe('registerRequestTurns: a new connection is accepted while a burst on open connections is answered', () => {
  const open: { app: FastifyInstance; clients: Client[] }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) {
      o.clients.forEach((c) => c.socket.destroy());
      await o.app.close();
    }
  });

  async function burstThenConnect(withTurns: boolean): Promise<number> {
    const { app, port, answeredWhenAccepted } = await server(withTurns, CLIENTS + 1);
    const clients = Array.from({ length: CLIENTS }, () => new Client(port));
    open.push({ app, clients });
    // Every connection open and used once, so the burst below meets connections already accepted.
    await Promise.all(clients.map((c) => c.ask()));
    // In one go: a request on each open connection, then a new connection. Libuv accepts one connection per turn of
    // the event loop, after the requests that were ready before it.
    const burst = clients.map((c) => c.ask());
    const late = new Client(port);
    clients.push(late);
    await Promise.all([...burst, late.ask()]);
    return answeredWhenAccepted;
  }

  it('with turns the new connection is accepted before the burst is answered, not after all of it', async () => {
    const answered = await burstThenConnect(true);
    // The warm-up's answers, plus at most the one request a turn starts after an accept. Without turns it was
    // 2 × CLIENTS: the whole burst (40 ms of work here) was answered before the connection was accepted.
    expect(answered).toBeLessThanOrEqual(CLIENTS + 1);
  });
});
