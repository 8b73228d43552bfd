import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseQueryString, type Params } from '../params.js';

export interface CallResult {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

/** POSTs JSON to `<webhookUrl><method>` (or sends a custom request) and parses the answer if it is JSON. */
export async function call(
  webhookUrl: string,
  method: string,
  params: Record<string, unknown> = {},
  init: { httpMethod?: 'GET' | 'POST'; body?: string; contentType?: string; query?: string; signal?: AbortSignal } = {},
): Promise<CallResult> {
  const url = `${webhookUrl}${method}${init.query ? `?${init.query}` : ''}`;
  const httpMethod = init.httpMethod ?? 'POST';
  const res = await fetch(url, {
    method: httpMethod,
    redirect: 'manual',
    headers: { 'content-type': init.contentType ?? 'application/json' },
    ...(httpMethod === 'POST' ? { body: init.body ?? JSON.stringify(params) } : {}),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** Narrowing helper for test assertions on unknown JSON. */
export function obj(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

export function arr(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new Error(`expected an array, got ${JSON.stringify(v)}`);
  return v;
}

/** `json.result` of a successful call. */
export function result(r: CallResult): unknown {
  if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.text}`);
  return obj(r.json)['result'];
}

/** A tiny outgoing-webhook receiver: records every POST (raw body + PHP-parsed params). */
export interface EventSink {
  url: string;
  received: Array<{ raw: string; contentType: string; params: Params }>;
  failWith?: number;
  /** Runs before the sink answers (e.g. to call the portal back, as a real handler does). */
  onReceive?: (params: Params) => Promise<void>;
  close(): Promise<void>;
}

export async function startEventSink(): Promise<EventSink> {
  const sink: EventSink = {
    url: '',
    received: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const params = parseQueryString(raw);
      sink.received.push({ raw, contentType: String(req.headers['content-type']), params });
      const answer = (): void => {
        res.writeHead(sink.failWith ?? 200);
        res.end();
      };
      if (sink.onReceive) sink.onReceive(params).then(answer, answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/b24/events`;
  return sink;
}
