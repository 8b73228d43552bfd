import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * Where a killed Bitrix24 write stands when the connector dies:
 * - `applied`: the portal received and applied it, the process dies before reading the answer;
 * - `unsent`: the process dies before the portal receives the request.
 */
export type B24KillFlavour = 'applied' | 'unsent';

/** One Bitrix24 REST call that changes data, as the proxy saw it. */
export interface B24WriteCall {
  /** The REST method of the HTTP call (`batch`, `crm.contact.update`, …). */
  readonly method: string;
  /** For a batch, the method of each command; for a single call, that method. */
  readonly commands: readonly string[];
  /** The ids the write names (`id` params), to tell which records it touches. */
  readonly ids: readonly string[];
}

export interface B24KillArm {
  /** Kill at the n-th write call counted since `arm` (1-based); with `ids`, counting only writes naming one of them. */
  readonly nth: number;
  readonly ids?: readonly string[];
  readonly flavour: B24KillFlavour;
  /** Kills the connector; resolves once it is gone. */
  readonly kill: () => Promise<void>;
}

// The write calls named in issue #10: any crm.*.add/update/delete and the two relation setters.
const WRITE_METHOD = /^crm\.[a-z.]+\.(add|update|delete)$|^crm\.deal\.productrows\.set$|^crm\.contact\.company\.items\.set$/i;

/** The REST method of a webhook URL path (`/rest/1/<code>/crm.contact.add.json` → `crm.contact.add`). */
function methodOf(pathname: string): string {
  const last = pathname.split('/').at(-1) ?? '';
  return decodeURIComponent(last)
    .replace(/\.json$/i, '')
    .toLowerCase();
}

/** Batch command strings are `method?php-query`; ids are read from `id=` in the query. */
function describeCall(method: string, body: string): B24WriteCall | undefined {
  if (method !== 'batch') {
    if (!WRITE_METHOD.test(method)) return undefined;
    let id: unknown;
    try {
      const parsed: unknown = JSON.parse(body);
      id = typeof parsed === 'object' && parsed !== null && 'id' in parsed ? parsed.id : undefined;
    } catch {
      // A body the proxy cannot read is still forwarded; the portal judges it.
      id = undefined;
    }
    return { method, commands: [method], ids: typeof id === 'string' || typeof id === 'number' ? [String(id)] : [] };
  }
  let cmd: unknown;
  try {
    const parsed: unknown = JSON.parse(body);
    cmd = typeof parsed === 'object' && parsed !== null && 'cmd' in parsed ? parsed.cmd : undefined;
  } catch {
    cmd = undefined;
  }
  if (typeof cmd !== 'object' || cmd === null) return undefined;
  const commands: string[] = [];
  const ids: string[] = [];
  for (const c of Object.values(cmd)) {
    if (typeof c !== 'string') continue;
    const [m = '', query = ''] = c.split('?', 2);
    commands.push(m.toLowerCase());
    const id = new URLSearchParams(query).get('id');
    if (id !== null) ids.push(id);
  }
  if (!commands.some((m) => WRITE_METHOD.test(m))) return undefined;
  return { method, commands, ids };
}

/**
 * A loopback HTTP proxy between the connector's BITRIX24_WEBHOOK_URL and the portal emulator. It forwards
 * every call unchanged and counts the write calls; when armed, it SIGKILLs the connector at the n-th write,
 * either before forwarding it (`unsent`) or after the portal answered (`applied`), and then drops the
 * connection, so neither the emulator nor the product needs a test hook.
 */
export class B24KillProxy {
  private armed: B24KillArm | undefined;
  private fired: B24WriteCall | undefined;
  private writes: B24WriteCall[] = [];
  private counted = 0;
  private killing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly server: Server,
    private readonly target: URL,
    readonly webhookUrl: string,
  ) {}

  /** Starts the proxy for `portalWebhookUrl`; `webhookUrl` is the same path on the proxy's port. */
  static async start(portalWebhookUrl: string): Promise<B24KillProxy> {
    const target = new URL(portalWebhookUrl);
    let proxy: B24KillProxy | undefined;
    const server = createServer((req, res) => {
      if (!proxy) {
        res.destroy();
        return;
      }
      proxy.handle(req, res).catch(() => res.destroy());
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no port from the OS');
    proxy = new B24KillProxy(server, target, `http://127.0.0.1:${address.port}${target.pathname}`);
    return proxy;
  }

  /** Counts writes from zero and, with `arm`, kills at the chosen one. */
  arm(arm?: B24KillArm): void {
    this.armed = arm;
    this.fired = undefined;
    this.writes = [];
    this.counted = 0;
  }

  /** Resolves once a kill the proxy started has completed (the write is applied or dropped, the process gone). */
  async settled(): Promise<void> {
    await this.killing;
  }

  /** Write calls seen since the last `arm`, including the killed one. */
  get writeCalls(): readonly B24WriteCall[] {
    return this.writes;
  }

  /** The write the kill fired at since the last `arm`, if it did. */
  get firedAt(): B24WriteCall | undefined {
    return this.fired;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.target);
    const write = describeCall(methodOf(url.pathname), body);
    let killNow: B24KillArm | undefined;
    if (write) {
      this.writes.push(write);
      const arm = this.armed;
      const counts = arm?.ids === undefined || write.ids.some((id) => arm.ids?.includes(id));
      if (counts) this.counted += 1;
      if (arm && counts && !this.fired && this.counted === arm.nth) {
        this.fired = write;
        killNow = arm;
      }
    }
    if (killNow?.flavour === 'unsent') {
      this.killing = killNow.kill();
      await this.killing;
      res.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'].includes(k)) headers[k] = v;
    }
    const upstream = fetch(new URL(url.pathname + url.search, this.target), {
      method: req.method ?? 'POST',
      headers,
      redirect: 'manual',
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body }),
    });
    const answered = upstream.then(async (r) => ({ r, answer: Buffer.from(await r.arrayBuffer()) }));
    if (killNow) {
      // The portal has applied the write and answered; the connector never reads that answer.
      const arm = killNow;
      this.killing = answered.then(() => arm.kill());
      await this.killing;
      res.destroy();
      return;
    }
    const { r: response, answer } = await answered;
    const out: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(key)) out[key] = value;
    });
    res.writeHead(response.status, { ...out, 'content-length': String(answer.length) });
    res.end(answer);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}
