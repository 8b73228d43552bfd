import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * How long a connection answered before its upload ended keeps reading (and dropping) the rest before it is
 * closed. nginx's lingering close has the same two bounds and these are its defaults: `lingering_time` 30 s in
 * all, `lingering_timeout` 5 s without data (ngx_http_core_module; found with `search`). The third bound is ours:
 * no more than the largest body any request may have (QBWC_MAX_BODY_MB), since no honest client sends more.
 */
export interface LingerLimits {
  readonly totalMs: number;
  readonly idleMs: number;
  readonly maxBytes: number;
}

export const LINGER_TOTAL_MS = 30_000;
export const LINGER_IDLE_MS = 5_000;

/**
 * A request answered before its body was read (refused for size, content type or session) is answered with
 * `Connection: close`, and the connection lingers: the rest of the body is read and dropped, never buffered,
 * until it ends or a bound in `limits` is reached, and only then is the socket closed.
 *
 * Why: closing a socket with unread data makes the kernel answer with a reset, and a client still sending loses
 * the answer with the connection. The Web Connector sends a whole request before it reads the answer, so without
 * this a session taken over while it uploaded a large page saw a connection error instead of our fault text (and
 * CI's hostile-upload client met the same race). Reading on costs no memory: the bytes are dropped as they come.
 */
export function closeUnreadUploads(fastify: FastifyInstance, limits: LingerLimits): void {
  const lingering = new Set<Socket>();
  // A callback hook, not an async one: it runs on every answer, and an async hook costs a promise each time (issue 14).
  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void) => {
    // `complete` is false only on a real socket whose body is still arriving (injected requests leave it unset).
    if (req.raw.complete === false) {
      void reply.header('connection', 'close');
      lingerBeforeClosing(req.raw, limits, lingering);
    }
    done(null, payload);
  });
  // A shutdown does not wait for a client still sending a body nobody will read.
  fastify.addHook('preClose', (done) => {
    for (const socket of lingering) socket.destroy();
    done();
  });
}

/**
 * Replaces what Node does once an answer with `Connection: close` is written (`socket.destroySoon()`: end, then
 * destroy as soon as the answer is flushed) for this one socket: end, then drop what the client still sends, and
 * destroy when the body has ended, the client has closed, or a bound is reached.
 */
function lingerBeforeClosing(req: IncomingMessage, limits: LingerLimits, lingering: Set<Socket>): void {
  const socket = req.socket;
  if (lingering.has(socket)) return;
  lingering.add(socket);
  socket.once('close', () => lingering.delete(socket));
  socket.destroySoon = () => {
    if (socket.writable) socket.end();
    if (req.complete) {
      destroyOnceFlushed(socket);
      return;
    }
    let dropped = 0;
    const stop = (): void => {
      clearTimeout(total);
      clearTimeout(idle);
      req.removeListener('data', drop);
    };
    const close = (): void => {
      stop();
      socket.destroy();
    };
    const total = setTimeout(close, limits.totalMs);
    const idle = setTimeout(close, limits.idleMs);
    function drop(chunk: Buffer): void {
      dropped += chunk.length;
      if (dropped > limits.maxBytes) close();
      else idle.refresh();
    }
    // The body parser stopped listening when it refused the body; anything still attached would buffer it.
    req.removeAllListeners('data');
    req.on('data', drop);
    req.once('end', () => {
      stop();
      destroyOnceFlushed(socket);
    });
    // A client that gives up (closes or resets) ends the linger too; the error is expected, not news.
    req.once('error', close);
    socket.once('end', close);
    socket.once('close', stop);
    req.resume();
  };
}

function destroyOnceFlushed(socket: Socket): void {
  if (socket.writableFinished) socket.destroy();
  else socket.once('finish', () => socket.destroy());
}
