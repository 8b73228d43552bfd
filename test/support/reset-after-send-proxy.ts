import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Does this REST call (or batch) create a record? `batch` bodies carry `cmd: { key: 'crm.x.add?…' }`. */
function createsRecords(method: string, body: string): boolean {
  if (/\.add$/i.test(method)) return true;
  if (method !== 'batch') return false;
  try {
    const parsed: unknown = JSON.parse(body);
    const cmd = typeof parsed === 'object' && parsed !== null && 'cmd' in parsed ? parsed.cmd : undefined;
    return typeof cmd === 'object' && cmd !== null && Object.values(cmd).some((c) => typeof c === 'string' && /^[^?]*\.add(\?|$)/i.test(c));
  } catch {
    return false;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A loopback HTTP proxy in front of the portal emulator. It forwards every call (path unchanged) to the portal set
 * by `forwardTo`; for the next `resetNextCreates(n)` calls that create records it lets the portal apply the call
 * and answer, then resets the connection instead of passing the answer on: the connector sent a write that
 * happened and never hears so.
 */
export class ResetAfterSendProxy {
  /** How many creating calls were applied upstream and then reset. */
  resets = 0;
  private armed = 0;
  private target: URL | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<ResetAfterSendProxy> {
    let proxy: ResetAfterSendProxy | undefined;
    const server = createServer((req, res) => {
      void (async () => {
        const target = proxy?.target;
        if (!target) throw new Error('no portal to forward to yet');
        const body = await readBody(req);
        const path = req.url ?? '/';
        const method =
          (path.split('?')[0] ?? '')
            .split('/')
            .at(-1)
            ?.replace(/\.json$/i, '') ?? '';
        const upstream = await fetch(`${target.origin}${path}`, {
          method: req.method ?? 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
        });
        const answer = await upstream.text();
        if (proxy && proxy.armed > 0 && createsRecords(method, body)) {
          proxy.armed--;
          proxy.resets++;
          req.socket.resetAndDestroy();
          return;
        }
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(answer);
      })().catch(() => res.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    proxy = new ResetAfterSendProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  /** Forward to the portal at this webhook URL's origin. */
  forwardTo(portalWebhookUrl: string): void {
    this.target = new URL(portalWebhookUrl);
  }

  /** Reset the next `count` creating calls after the portal applied them. */
  resetNextCreates(count: number): void {
    this.armed = count;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
