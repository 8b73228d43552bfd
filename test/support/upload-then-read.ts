import { connect } from 'node:net';

export interface WholeUploadResult {
  /** Everything the server sent, read only after the whole body was written. */
  readonly received: string;
  /** The bytes of body the server took before the connection ended (all of them unless it was cut off). */
  readonly written: number;
  /** The socket error that ended the exchange, if one did (a reset loses whatever was not read yet). */
  readonly error?: string;
}

/**
 * Sends a POST the way the Web Connector does: the whole body first, and only then the answer is read (its
 * HttpWebRequest writes the request stream before it asks for the response). The socket is not read while
 * sending, so an answer the server sent early waits in the kernel and is lost if the server resets the connection.
 */
export function uploadThenRead(
  port: number,
  path: string,
  headers: Record<string, string>,
  chunks: Iterable<Buffer>,
  bytes: number,
): Promise<WholeUploadResult> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    socket.pause();
    let received = '';
    let written = 0;
    let settled = false;
    const settle = (error?: string): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ received, written, ...(error !== undefined ? { error } : {}) });
    };
    socket.on('error', (err: NodeJS.ErrnoException) => settle(err.code ?? err.message));
    socket.on('end', () => settle());
    const head = Object.entries({ host: `127.0.0.1:${port}`, ...headers, 'content-length': String(bytes) })
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n`);
    const it = chunks[Symbol.iterator]();
    const pump = (): void => {
      for (;;) {
        if (settled) return;
        const next = it.next();
        if (next.done) {
          // Written in full: now read the answer, as the Web Connector would.
          socket.setEncoding('utf8');
          socket.on('data', (c: string) => {
            received += c;
          });
          socket.resume();
          return;
        }
        const more = socket.write(next.value, () => {
          written += next.value.length;
        });
        if (!more) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}
