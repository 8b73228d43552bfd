import type { IncomingMessage } from 'node:http';
import { BULK_QBWC_OPERATIONS, isQbwcOperation, peekSoapCall, SOAP_PEEK_BYTES, soapBodyLimit } from '@qb-b24/qbwc-soap';
import type { FastifyRequest } from 'fastify';

/** A SOAP body over its operation's limit; Fastify answers with its statusCode and the SOAP paths rewrite it into a Client fault. */
export class SoapBodyTooLargeError extends Error {
  readonly statusCode = 413;
  readonly code = 'SOAP_BODY_TOO_LARGE';
  constructor(message: string) {
    super(message);
    this.name = 'SoapBodyTooLargeError';
  }
}

/** A large SOAP body without a live session: a Client fault, answered before the rest is read. */
export class SoapBodyRefusedError extends Error {
  readonly statusCode = 403;
  readonly code = 'SOAP_TICKET_NOT_LIVE';
  constructor(message: string) {
    super(message);
    this.name = 'SoapBodyRefusedError';
  }
}

type Done = (err: Error | null, body?: string | Buffer) => void;

/** Where the XML content types are parsed: a company app reads text; the multi-company router forwards bytes. */
export const SOAP_CONTENT_TYPES = ['text/xml', 'application/xml', 'application/soap+xml'];

const KIB = 1024;
const MIB = 1024 * 1024;
const size = (bytes: number): string => (bytes % MIB === 0 ? `${bytes / MIB} MB` : `${Math.round(bytes / KIB)} KiB`);

function tooLarge(operation: string | undefined, limit: number, maxBodyBytes: number): SoapBodyTooLargeError {
  // Only a known operation name is echoed: the peeked name is caller-controlled text.
  const what =
    operation !== undefined && isQbwcOperation(operation) ? `A request for ${operation}` : 'A request that is not sendRequestXML or receiveResponseXML';
  if (limit === maxBodyBytes) return new SoapBodyTooLargeError(`${what} is larger than ${size(limit)} (QBWC_MAX_BODY_MB); nothing was changed.`);
  return new SoapBodyTooLargeError(
    `${what} is limited to ${size(limit)}; only ${BULK_QBWC_OPERATIONS.join(' and ')} may be up to ${size(maxBodyBytes)} (QBWC_MAX_BODY_MB). Nothing was changed.`,
  );
}

/** The first `bytes` of the chunks without copying the rest (one chunk may be the whole body). */
function prefixOf(chunks: readonly Buffer[], bytes: number): Buffer {
  const head: Buffer[] = [];
  let length = 0;
  for (const c of chunks) {
    if (length >= bytes) break;
    head.push(c.subarray(0, bytes - length));
    length += Math.min(c.length, bytes - length);
  }
  return Buffer.concat(head, length);
}

/** Asks whether a ticket names a live session of the company the request is for. */
export type LiveTicketCheck = (req: FastifyRequest, ticket: string) => Promise<boolean>;

export interface SoapBodyParserOptions {
  readonly maxBodyBytes: number;
  /** 'buffer' hands on the bytes undecoded (the multi-company router forwards them to a company app). */
  readonly as?: 'string' | 'buffer';
  readonly liveTicket: LiveTicketCheck;
  /** The Web Connector paths: an XML body anywhere else is refused unread (an XML POST to /admin gets no parse). */
  readonly soapPath: (url: string) => boolean;
}

/** An XML body on a route that takes none. */
export class XmlNotAcceptedError extends Error {
  readonly statusCode = 415;
  readonly code = 'XML_NOT_ACCEPTED_HERE';
  constructor() {
    super('XML bodies are accepted only at the Web Connector endpoint (/qbwc)');
    this.name = 'XmlNotAcceptedError';
  }
}

const UNKNOWN_TICKET =
  'Unknown or expired session ticket: a request larger than 64 KiB is read only for a live session. The Web Connector will start a new session on its next run.';
const NO_TICKET = `A request larger than 64 KiB must name its session ticket within its first ${SOAP_PEEK_BYTES / KIB} KiB.`;

/**
 * Fastify content-type parser for SOAP bodies. The limit depends on the operation, read by peekSoapCall
 * from the first SOAP_PEEK_BYTES before anything is parsed: 64 KiB unless the body is a sendRequestXML or
 * receiveResponseXML (qbwc-soap soap-body-limit.ts). Those two may be larger only for a live session: the
 * ticket the prefix names is checked (`liveTicket`) before byte 64 KiB + 1 is accepted, and the upload is
 * paused while the check runs; an unknown ticket gets a Client fault at once. So no request without a
 * session costs more than 64 KiB of buffering, and none reaches an XML parse before its size is allowed.
 * A refused body is not buffered: the rest is read and dropped until the connection closes (close-unread-uploads.ts).
 */
export function soapBodyParser({ maxBodyBytes, as = 'string', liveTicket, soapPath }: SoapBodyParserOptions) {
  const small = soapBodyLimit(undefined, maxBodyBytes);
  return (req: FastifyRequest, payload: IncomingMessage, done: Done): void => {
    if (!soapPath(req.url)) {
      done(new XmlNotAcceptedError());
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > maxBodyBytes) {
      done(tooLarge(undefined, maxBodyBytes, maxBodyBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let limit = maxBodyBytes;
    let operation: string | undefined;
    let ticket: string | undefined;
    let peeked = false;
    // A large operation's bytes past `small` wait for its ticket to be found live.
    let gated = false;
    let check: 'none' | 'pending' | 'live' = 'none';
    let ended = false;
    let settled = false;

    const settle = (err: Error | null, body?: string | Buffer): void => {
      if (settled) return;
      settled = true;
      stop();
      done(err, body);
    };
    const peek = (): void => {
      peeked = true;
      ({ operation, ticket } = peekSoapCall(prefixOf(chunks, SOAP_PEEK_BYTES).toString('utf8')));
      limit = soapBodyLimit(operation, maxBodyBytes);
      gated = limit > small;
      if (gated && declared > small) checkTicket();
    };
    const checkTicket = (): void => {
      if (check !== 'none') return;
      if (ticket === undefined) {
        settle(new SoapBodyRefusedError(NO_TICKET));
        return;
      }
      check = 'pending';
      liveTicket(req, ticket).then(
        (live) => {
          if (!live) {
            settle(new SoapBodyRefusedError(UNKNOWN_TICKET));
            return;
          }
          check = 'live';
          if (ended) finish();
          else payload.resume();
        },
        (err: unknown) => settle(Object.assign(err instanceof Error ? err : new Error(String(err)), { statusCode: 503 })),
      );
    };
    const stop = (): void => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    const finish = (): void => {
      if (received > limit) {
        settle(tooLarge(operation, limit, maxBodyBytes));
        return;
      }
      if (!Number.isNaN(declared) && declared !== received) {
        settle(Object.assign(new Error('Request body size did not match Content-Length'), { statusCode: 400 }));
        return;
      }
      const body = Buffer.concat(chunks, received);
      settle(null, as === 'string' ? body.toString('utf8') : body);
    };
    function onData(chunk: Buffer | string): void {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(buf);
      received += buf.length;
      if (!peeked && received >= SOAP_PEEK_BYTES) peek();
      if (received > limit) {
        settle(tooLarge(operation, limit, maxBodyBytes));
        return;
      }
      if (gated && received > small && check !== 'live') {
        checkTicket();
        if (!settled) payload.pause();
      }
    }
    function onEnd(): void {
      ended = true;
      // A body within the smallest limit is allowed whatever its operation: no need to look for one (issue 14,
      // every Web Connector call but a page of records is such a body).
      if (!peeked && received > small) peek();
      if (settled) return;
      if (gated && received > small && check !== 'live') {
        checkTicket();
        return;
      }
      if (check !== 'pending') finish();
    }
    function onError(err: Error): void {
      settle(Object.assign(err, { statusCode: 400 }));
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  };
}
