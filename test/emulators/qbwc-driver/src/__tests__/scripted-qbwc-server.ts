// A tiny SOAP server for the driver's tests: it plays scripted answers and records what arrived.
// It reads requests with xmlbuilder2's DOM (not the driver's parser), so the checks are independent.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { create } from 'xmlbuilder2';

export const QBWC_NS = 'http://developer.intuit.com/';
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

interface DomNode {
  readonly nodeType: number;
  readonly namespaceURI: string | null;
  readonly localName: string | null;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

export interface ReceivedCall {
  readonly method: string;
  readonly url: string;
  readonly contentType: string | undefined;
  readonly soapAction: string | undefined;
  readonly body: string;
  /** `{ns}localName` of Envelope, Body and the operation element, as the server sees them. */
  readonly envelopeName: string;
  readonly bodyChildNames: readonly string[];
  readonly hasHeader: boolean;
  readonly op: string;
  readonly opNamespace: string;
  /** Operation children by local name, text decoded; only children in http://developer.intuit.com/. */
  readonly params: Readonly<Record<string, string>>;
  readonly paramOrder: readonly string[];
  /** Children of the operation element in another namespace (should be none). */
  readonly foreignParams: readonly string[];
}

export interface Reply {
  readonly status?: number;
  readonly contentType?: string;
  readonly body: string;
}

export type Handler = (call: ReceivedCall) => Reply | Promise<Reply>;

export interface ScriptedServer {
  readonly url: string;
  readonly calls: ReceivedCall[];
  /** Highest number of requests that were in flight at once. */
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

const elements = (node: DomNode): DomNode[] => Array.from(node.childNodes).filter((n) => n.nodeType === 1);
const qn = (n: DomNode): string => `{${n.namespaceURI ?? ''}}${n.localName ?? ''}`;

function readCall(req: IncomingMessage, body: string): ReceivedCall {
  const base = {
    method: req.method ?? '',
    url: req.url ?? '',
    contentType: req.headers['content-type'],
    soapAction: typeof req.headers.soapaction === 'string' ? req.headers.soapaction : undefined,
    body,
  };
  if (req.method !== 'POST') {
    return { ...base, envelopeName: '', bodyChildNames: [], hasHeader: false, op: '', opNamespace: '', params: {}, paramOrder: [], foreignParams: [] };
  }
  const doc = create(body).root().node as unknown as DomNode;
  const children = elements(doc);
  const soapBody = children.find((c) => c.namespaceURI === SOAP_ENV_NS && c.localName === 'Body');
  const op = soapBody === undefined ? undefined : elements(soapBody)[0];
  const params: Record<string, string> = {};
  const paramOrder: string[] = [];
  const foreignParams: string[] = [];
  for (const p of op === undefined ? [] : elements(op)) {
    if (p.namespaceURI === QBWC_NS && p.localName !== null) {
      params[p.localName] = p.textContent ?? '';
      paramOrder.push(p.localName);
    } else foreignParams.push(qn(p));
  }
  return {
    ...base,
    envelopeName: qn(doc),
    bodyChildNames: soapBody === undefined ? [] : elements(soapBody).map(qn),
    hasHeader: children.some((c) => c.localName === 'Header'),
    op: op?.localName ?? '',
    opNamespace: op?.namespaceURI ?? '',
    params,
    paramOrder,
    foreignParams,
  };
}

export async function startScriptedServer(handler: Handler): Promise<ScriptedServer> {
  const calls: ReceivedCall[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const call = readCall(req, Buffer.concat(chunks).toString('utf8'));
          calls.push(call);
          const reply = await handler(call);
          res.writeHead(reply.status ?? 200, { 'Content-Type': reply.contentType ?? 'text/xml; charset=utf-8' });
          res.end(reply.body);
        } catch (err) {
          res.writeHead(599, { 'Content-Type': 'text/plain' });
          res.end(`scripted server error: ${err instanceof Error ? err.message : String(err)}`);
        } finally {
          inFlight--;
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/qbwc`,
    calls,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

// ---- answer builders (what a correct QBWC web service sends) ----
// Every text goes through replaceAll('&', '&amp;') first: xmlbuilder2 4.x does not escape an `&` that
// already looks like an entity (see protectAmpersands in ../soap/build-soap-request.ts).

function envelope(build: (body: ReturnType<typeof create>) => void): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const body = doc.ele(SOAP_ENV_NS, 'soap:Envelope').ele(SOAP_ENV_NS, 'soap:Body');
  build(body as unknown as ReturnType<typeof create>);
  return doc.end();
}

export function stringAnswer(op: string, value: string | null): Reply {
  return {
    body: envelope((body) => {
      const r = body.ele(QBWC_NS, `${op}Response`);
      if (value !== null) r.ele(QBWC_NS, `${op}Result`).txt(value.replaceAll('&', '&amp;'));
    }),
  };
}

export function intAnswer(op: string, value: string | number): Reply {
  return stringAnswer(op, String(value));
}

export function authAnswer(items: readonly string[], itemNamespace = QBWC_NS): Reply {
  return {
    body: envelope((body) => {
      const result = body.ele(QBWC_NS, 'authenticateResponse').ele(QBWC_NS, 'authenticateResult');
      for (const item of items) result.ele(itemNamespace, itemNamespace === QBWC_NS ? 'string' : 'a:string').txt(item.replaceAll('&', '&amp;'));
    }),
  };
}

export function faultAnswer(message: string): Reply {
  return {
    status: 500,
    body: envelope((body) => {
      const f = body.ele(SOAP_ENV_NS, 'soap:Fault');
      f.ele('faultcode').txt('soap:Server');
      f.ele('faultstring').txt(message.replaceAll('&', '&amp;'));
    }),
  };
}

export type Script = Partial<Record<string, (call: ReceivedCall, nth: number) => Reply | Promise<Reply>>>;

/**
 * A web service that answers like a healthy server unless `script` overrides an operation:
 * serverVersion "1.0.0", clientVersion "", authenticate [T-1, ""], sendRequestXML from `requests`
 * (then ""), receiveResponseXML from `percents` (then 100), getLastError "", closeConnection "OK",
 * connectionError "done". GET answers 200.
 */
export function scriptedService(options: { requests?: readonly string[]; percents?: readonly number[]; script?: Script } = {}): Handler {
  const counts = new Map<string, number>();
  const requests = [...(options.requests ?? [])];
  const percents = [...(options.percents ?? [])];
  return (call) => {
    if (call.method === 'GET') return { status: 200, contentType: 'text/plain', body: 'support' };
    const nth = (counts.get(call.op) ?? 0) + 1;
    counts.set(call.op, nth);
    const custom = options.script?.[call.op];
    if (custom !== undefined) return custom(call, nth);
    switch (call.op) {
      case 'serverVersion':
        return stringAnswer(call.op, '1.0.0');
      case 'clientVersion':
        return stringAnswer(call.op, '');
      case 'authenticate':
        return authAnswer(['T-1', '']);
      case 'sendRequestXML':
        return stringAnswer(call.op, requests.shift() ?? '');
      case 'receiveResponseXML':
        return intAnswer(call.op, percents.shift() ?? 100);
      case 'getLastError':
        return stringAnswer(call.op, '');
      case 'closeConnection':
        return stringAnswer(call.op, 'OK');
      case 'connectionError':
        return stringAnswer(call.op, 'done');
      default:
        return faultAnswer(`unknown operation ${call.op}`);
    }
  };
}
