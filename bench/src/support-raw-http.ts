import type { FetchLike } from '@qb-b24/qbwc-driver';
import net from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A Web Connector's HTTP connection as a benchmark client: one keep-alive socket, one request at a time (QBWC
 * never pipelines), the request written as bytes and the answer read by its Content-Length.
 *
 * Why not `fetch`: with 50 simulated Web Connectors in the benchmark's own process, undici's fetch cost that
 * process about 0.46 ms of CPU per call, more than the service spent answering it (0.34 ms, measured
 * 2026-12-07 on 2 cores). The 50 answers of a burst then waited in the client's own event loop and the
 * client, not the service, set the p99. Real Web Connectors run on 50 PCs. This client costs a few µs per call,
 * so the latency it times is the service's (the socket, the kernel and the service's queue).
 */
export class RawHttpConnection {
  private socket: net.Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: { status: number; headers: Map<string, string>; body: string }) => void; reject: (e: Error) => void } | null = null;
  /**
   * When the last request was written to the connection (performance.now()): for a new connection, once the client's
   * side of the TCP handshake is done, so the time this process spends creating its 50 sockets one after another is
   * not counted as the service's. The service's own side (accepting the connection, one per turn of its event loop)
   * still is: the handshake completes in the kernel before the service accepts.
   */
  lastSentAt: number | null = null;

  constructor(private readonly origin: URL) {}

  readonly fetch: FetchLike = async (url, init) => {
    const target = new URL(url);
    const body = Buffer.from(init.body, 'utf8');
    const head = [`${init.method} ${target.pathname}${target.search} HTTP/1.1`, `Host: ${target.host}`, `Content-Length: ${body.length}`];
    for (const [name, value] of Object.entries(init.headers)) head.push(`${name}: ${value}`);
    const answer = await this.exchange(Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]));
    return { status: answer.status, headers: { get: (name: string) => answer.headers.get(name.toLowerCase()) ?? null }, text: async () => answer.body };
  };

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private exchange(request: Buffer): Promise<{ status: number; headers: Map<string, string>; body: string }> {
    if (this.waiting) return Promise.reject(new Error('one request at a time on a Web Connector connection'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      const socket = this.connected();
      const send = (): void => {
        this.lastSentAt = performance.now();
        socket.write(request);
      };
      if (socket.connecting) socket.once('connect', send);
      else send();
    });
  }

  private connected(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = net.connect({ host: this.origin.hostname, port: Number(this.origin.port), noDelay: true });
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      this.tryAnswer();
    });
    const fail = (err: Error): void => {
      this.socket = null;
      this.buffered = Buffer.alloc(0);
      const w = this.waiting;
      this.waiting = null;
      w?.reject(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the service closed the connection')));
    this.socket = socket;
    return socket;
  }

  /** Completes the waiting request once its whole answer (headers and Content-Length bytes) has arrived. */
  private tryAnswer(): void {
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end < 0 || !this.waiting) return;
    const lines = this.buffered.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(lines[0]?.split(' ')[1]);
    const headers = new Map<string, string>();
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const length = Number(headers.get('content-length'));
    if (!Number.isInteger(length)) {
      this.waiting.reject(new Error('the answer has no Content-Length (chunked answers are not read by this client)'));
      this.waiting = null;
      return;
    }
    if (this.buffered.length < end + 4 + length) return;
    const body = this.buffered.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buffered = this.buffered.subarray(end + 4 + length);
    const w = this.waiting;
    this.waiting = null;
    w.resolve({ status, headers, body });
  }
}
