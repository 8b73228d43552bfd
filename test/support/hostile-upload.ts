import { request } from 'node:http';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const QBWC_NS = 'http://developer.intuit.com/';
const CHUNK = 64 * 1024;

/** How a hostile body is shaped: a head, then `unit(i)` repeated to the size, then a tail. */
export interface HostileShape {
  readonly name: string;
  /** Text repeated after the head; `i` numbers the repetitions, so attribute names stay unique. */
  readonly unit: (i: number) => string;
  /** Whether the units sit inside a start tag (attributes) or between tags (content). */
  readonly inTag: boolean;
}

export const HOSTILE_SHAPES: readonly HostileShape[] = [
  // The 31 MB serverVersion: 2.7 million attributes.
  { name: '2.7 M attributes', unit: (i) => ` a${i.toString(36)}=""`, inTag: true },
  { name: 'elements (<a/>)', unit: () => '<a/>', inTag: false },
  { name: 'entities (&amp;)', unit: () => '&amp;', inTag: false },
  { name: 'plain text', unit: () => 'x', inTag: false },
];

/**
 * The head of a hostile request. Unauthenticated: the shape sits on the Envelope (attributes) or in the
 * operation. With a ticket: a receiveResponseXML naming that ticket first, the shape in its `response`.
 */
export function hostileHead(shape: HostileShape, call: { operation: string; ticket?: string }): string {
  const prolog = '<?xml version="1.0" encoding="utf-8"?>';
  const ticket = call.ticket === undefined ? '' : `<ticket>${call.ticket}</ticket>`;
  if (call.ticket === undefined && shape.inTag) return `${prolog}<soap:Envelope xmlns:soap="${SOAP_NS}"`;
  const open = `${prolog}<soap:Envelope xmlns:soap="${SOAP_NS}"><soap:Body><${call.operation} xmlns="${QBWC_NS}">${ticket}`;
  return shape.inTag ? `${open}<response` : `${open}<response>`;
}

/** `bytes` of the shape as 64 KiB chunks, made as they are sent (30 MB is never held at once). */
export function* hostileChunks(shape: HostileShape, head: string, bytes: number): Generator<Buffer> {
  let sent = 0;
  let i = 0;
  let pending = head;
  while (sent < bytes) {
    while (pending.length < CHUNK) pending += shape.unit(i++);
    const chunk = Buffer.from(pending.slice(0, Math.min(CHUNK, bytes - sent)));
    pending = pending.slice(chunk.length);
    sent += chunk.length;
    yield chunk;
  }
}

export interface UploadAnswer {
  readonly status: number;
  readonly body: string;
  readonly connection: string | undefined;
  /** The slowest GET /health, asked one after another from the first MB sent until the upload was answered. */
  readonly healthMs: number;
  readonly healthStatus: number;
}

/**
 * POSTs the chunks to `url` with backpressure and asks `healthUrl` once the first MB is on its way; resolves
 * with the answer to the upload (the server may answer and close before the upload ends: that is the point).
 *
 * A connection error before the answer (EPIPE, ECONNRESET) fails the upload: the service reads and drops the rest of
 * a body it refused before it closes (close-unread-uploads.ts), so the answer is never lost to a reset. Until it did,
 * CI met that reset in two runs in a row (2026-12-07). The /health probe stops with a failed upload, and the failure
 * is reported once the probe has ended, so no probe outlives its upload (it would ask a server the test has closed).
 */
export function uploadWhileProbingHealth(
  url: string,
  healthUrl: string,
  headers: Record<string, string>,
  chunks: Iterable<Buffer>,
  bytes: number,
): Promise<UploadAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    let health: Promise<{ ms: number; status: number }> | undefined;
    let answered = false;
    // Set when the connection failed before an answer: the /health probe stops too, and the failure is reported once
    // the probe has ended, so no probe outlives its upload (it would ask a server the test has since closed).
    let failed = false;
    const req = request(
      { host: target.hostname, port: target.port, method: 'POST', path: target.pathname, headers: { ...headers, 'content-length': String(bytes) } },
      (res) => {
        answered = true;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => {
          (health ?? probeUntil(healthUrl, () => true)).then(
            (h) => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection, healthMs: h.ms, healthStatus: h.status }),
            reject,
          );
        });
      },
    );
    // Once answered, the server closes the connection: the rest of the upload fails to send, as intended.
    req.on('error', (err) => {
      if (answered || failed) return;
      failed = true;
      void (health ?? Promise.resolve()).then(
        () => reject(err),
        () => reject(err),
      );
    });
    const it = chunks[Symbol.iterator]();
    let written = 0;
    const pump = (): void => {
      for (;;) {
        if (answered || req.destroyed) return;
        const next = it.next();
        if (next.done) {
          req.end();
          return;
        }
        written += next.value.length;
        const more = req.write(next.value);
        if (health === undefined && written >= 1024 * 1024) health = probeUntil(healthUrl, () => answered || failed);
        if (!more) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

/** Asks /health again and again until `stop()` (at least once); the slowest answer and the worst status. */
async function probeUntil(url: string, stop: () => boolean): Promise<{ ms: number; status: number }> {
  let worst = { ms: 0, status: 200 };
  do {
    const h = await probe(url);
    worst = { ms: Math.max(worst.ms, h.ms), status: h.status !== 200 ? h.status : worst.status };
  } while (!stop());
  return worst;
}

async function probe(url: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - started, status: res.status };
}

/**
 * Opens a connection, sends the head of a POST declaring `declared` bytes and one byte of body, then stays
 * silent; resolves with what the server sent once it closes the connection (it never does without a timeout).
 */
export function silentUpload(port: number, path: string, declared: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => {
      received += c;
    });
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(received) : reject(err)));
    socket.on('close', () => resolve(received));
    socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: ${declared}\r\n\r\n<`);
  });
}

/**
 * Sends the first chunks of a body declared `declared` bytes long and never the rest: an answer can only come
 * if the server refused without waiting for (and buffering) the whole body.
 */
export function answerBeforeUploadEnds(
  url: string,
  headers: Record<string, string>,
  chunks: readonly Buffer[],
  declared: number,
): Promise<{ status: number; body: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, method: 'POST', path: target.pathname, headers: { ...headers, 'content-length': String(declared) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const c of chunks) req.write(c);
  });
}
