import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy standing in for the network path to a Bitrix24 portal: while refusing, every connection
 * is reset at once (the client sees the portal as unreachable, no HTTP answer at all); once forwarding, bytes go
 * to the target port untouched. Lets a test take a portal away and bring it back under the same webhook URL.
 */
export interface SwitchableProxy {
  readonly port: number;
  refuse(): void;
  forwardTo(targetPort: number): void;
  close(): Promise<void>;
}

export async function startSwitchableProxy(): Promise<SwitchableProxy> {
  let target: number | null = null;
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (target === null) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    refuse: () => {
      target = null;
      // Connections kept alive from before go down too: the portal is away for everyone, not only new callers.
      for (const s of sockets) s.destroy();
    },
    forwardTo: (port) => {
      target = port;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
