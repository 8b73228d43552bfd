import Fastify, { type FastifyInstance } from 'fastify';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadThenRead } from '../../../../../test/support/upload-then-read.js';
import { closeUnreadUploads, type LingerLimits } from '../close-unread-uploads.js';

const MB = 1024 * 1024;
const BODY = 30 * MB;
const HEADERS = { 'content-type': 'text/xml' };

/** 30 MB in 64 KiB chunks: far more than the kernel buffers of both ends hold, so the server must read for it to be sent. */
function* chunks(bytes: number): Generator<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, bytes - sent));
}

/** A server that refuses every XML body after its first chunk, the way soapBodyParser refuses one (unread, at once). */
async function refusingServer(limits: LingerLimits): Promise<{ app: FastifyInstance; port: number; closed: Promise<number> }> {
  const app = Fastify();
  // When the server's side of its first connection closed, in ms since it was accepted.
  const closed = new Promise<number>((resolve) => {
    app.server.once('connection', (socket: Socket) => {
      const accepted = Date.now();
      socket.once('close', () => resolve(Date.now() - accepted));
    });
  });
  app.addContentTypeParser('text/xml', (_req, payload, done) => {
    payload.once('data', () => done(Object.assign(new Error('refused'), { statusCode: 403 })));
  });
  closeUnreadUploads(app, limits);
  app.post('/qbwc', async () => 'never');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { app, port: address.port, closed };
}

const clients: Socket[] = [];

interface StalledUpload {
  readonly socket: Socket;
  /** Resolves with the answer's status line once it has arrived. */
  readonly answered: Promise<string>;
}

/** Sends the headers of a POST declaring `declared` bytes and `sent` of them, then nothing more unless the test writes. */
function stalledUpload(port: number, declared: number, sent: Buffer): StalledUpload {
  // Half-open allowed: the server's FIN does not make this client close, so only the server's bounds end the exchange.
  const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
  let text = '';
  socket.setEncoding('utf8');
  const answered = new Promise<string>((resolve) => {
    socket.on('data', (c: string) => {
      text += c;
      if (text.includes('\r\n')) resolve(text.slice(0, text.indexOf('\r\n')));
    });
  });
  // The server resets a connection it gives up on while this end still writes; that is the expected end.
  socket.on('error', () => {});
  clients.push(socket);
  socket.write(`POST /qbwc HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\nContent-Length: ${declared}\r\n\r\n`);
  socket.write(sent);
  return { socket, answered };
}

const GENEROUS: LingerLimits = { totalMs: 30_000, idleMs: 5_000, maxBytes: 64 * MB };

describe('an upload answered before it was read lingers before the connection closes', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    for (const c of clients.splice(0)) c.destroy();
  });

  it('a client that sends the whole 30 MB before reading (as the Web Connector does) reads the refusal', async () => {
    const s = await refusingServer(GENEROUS);
    app = s.app;
    const result = await uploadThenRead(s.port, '/qbwc', HEADERS, chunks(BODY), BODY);
    expect(result.error).toBeUndefined();
    expect(result.written).toBe(BODY);
    expect(result.received).toMatch(/^HTTP\/1\.1 403/);
    expect(result.received).toMatch(/connection: close/i);
    expect(result.received).toMatch(/refused/);
  }, 30_000);

  it('no more than maxBytes are dropped: a longer upload is cut off', async () => {
    const s = await refusingServer({ ...GENEROUS, maxBytes: 2 * MB });
    app = s.app;
    const result = await uploadThenRead(s.port, '/qbwc', HEADERS, chunks(BODY), BODY);
    expect(result.error).toMatch(/ECONNRESET|EPIPE/);
    expect(result.written).toBeLessThan(BODY);
  }, 30_000);

  it('a client that goes silent mid-body is closed after idleMs, not kept until the total bound', async () => {
    const s = await refusingServer({ ...GENEROUS, idleMs: 300 });
    app = s.app;
    const upload = stalledUpload(s.port, BODY, Buffer.alloc(MB, 'x'));
    expect(await upload.answered).toBe('HTTP/1.1 403 Forbidden');
    const ms = await s.closed;
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(ms).toBeLessThan(GENEROUS.idleMs);
  }, 15_000);

  it('a client trickling data is closed after totalMs', async () => {
    const s = await refusingServer({ ...GENEROUS, totalMs: 1_000, idleMs: 300 });
    app = s.app;
    const upload = stalledUpload(s.port, BODY, Buffer.alloc(MB, 'x'));
    await upload.answered;
    // A byte every 100 ms keeps the idle bound from firing; only the total bound can end this.
    const trickle = setInterval(() => upload.socket.writable && upload.socket.write('x'), 100);
    const ms = await s.closed.finally(() => clearInterval(trickle));
    expect(ms).toBeGreaterThanOrEqual(1_000);
    expect(ms).toBeLessThan(GENEROUS.idleMs);
  }, 15_000);

  it('closing the app does not wait for a lingering client', async () => {
    const s = await refusingServer(GENEROUS);
    const upload = stalledUpload(s.port, BODY, Buffer.alloc(MB, 'x'));
    expect(await upload.answered).toBe('HTTP/1.1 403 Forbidden');
    const started = Date.now();
    await s.app.close();
    expect(Date.now() - started).toBeLessThan(GENEROUS.idleMs);
    expect(await s.closed).toBeLessThan(GENEROUS.idleMs);
  }, 15_000);
});
