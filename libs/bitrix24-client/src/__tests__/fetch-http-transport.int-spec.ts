import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { startBitrix24Portal, type Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchHttpTransport } from '../fetch-http-transport.js';
import { HttpTransportError, type HttpRequest } from '../http-transport.js';

const SECRET = 'transportsecret42';
let portal: Bitrix24Portal | undefined;
let server: Server | undefined;
afterEach(async () => {
  await portal?.close();
  server?.close();
  portal = undefined;
  server = undefined;
});

function post(url: string, timeoutMs = 5_000): HttpRequest {
  return { method: 'POST', url, headers: { 'content-type': 'application/json' }, body: '{"fields":{"NAME":"Ann"}}', timeoutMs };
}

async function thrown(p: Promise<unknown>): Promise<HttpTransportError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (e instanceof HttpTransportError) return e;
  throw new Error(`expected an HttpTransportError, got ${String(e)}`);
}

/** A TCP server that reads the whole request, then resets the connection instead of answering. */
async function resetAfterRequest(): Promise<number> {
  server = createServer((socket) => {
    socket.on('data', () => socket.resetAndDestroy());
    socket.on('error', () => socket.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

describe('FetchHttpTransport over real sockets', () => {
  it('a portal that keeps the request without answering is a timeout, and the message has no webhook secret', async () => {
    portal = await startBitrix24Portal({ code: SECRET });
    portal.injectFault({ kind: 'timeout', count: 1, methods: ['crm.contact.add'] });
    const e = await thrown(new FetchHttpTransport().send(post(`${portal.webhookUrl}crm.contact.add.json`, 200)));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('Bitrix24 did not answer within 200 ms');
  });

  it('a connection reset after the request was sent is a network error naming ECONNRESET, not the URL', async () => {
    const port = await resetAfterRequest();
    const e = await thrown(new FetchHttpTransport().send(post(`http://127.0.0.1:${port}/rest/1/${SECRET}/crm.contact.add.json`)));
    expect(e.kind).toBe('network');
    expect(e.message).toMatch(/^Bitrix24 unreachable \((ECONNRESET|UND_ERR_SOCKET)\)$/);
    expect(e.message).not.toContain(SECRET);
  });

  it('a refused connection is a network error naming ECONNREFUSED', async () => {
    const port = await resetAfterRequest();
    server?.close();
    await once(server as Server, 'close');
    const e = await thrown(new FetchHttpTransport().send(post(`http://127.0.0.1:${port}/rest/1/${SECRET}/scope.json`)));
    expect(e).toMatchObject({ kind: 'network', message: 'Bitrix24 unreachable (ECONNREFUSED)' });
  });

  it('an error status is an answer, not a throw (503 QUERY_LIMIT_EXCEEDED with its JSON body)', async () => {
    portal = await startBitrix24Portal({ code: SECRET });
    portal.injectFault({ kind: 'QUERY_LIMIT_EXCEEDED', count: 1 });
    const res = await new FetchHttpTransport().send(post(`${portal.webhookUrl}crm.contact.add.json`));
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'QUERY_LIMIT_EXCEEDED' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });
});
