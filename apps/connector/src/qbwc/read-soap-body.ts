import type { IncomingMessage } from 'node:http';
import { BULK_QBWC_OPERATIONS, isQbwcOperation, peekSoapOperation, SOAP_PEEK_BYTES, soapBodyLimit } from '@qb-b24/qbwc-soap';
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

type Done = (err: Error | null, body?: string | Buffer) => void;

/** Where the XML content types are parsed: a company app reads text; the multi-company router forwards bytes. */
export const SOAP_CONTENT_TYPES = ['text/xml', 'application/xml', 'application/soap+xml'];

const KIB = 1024;
const MIB = 1024 * 1024;
const size = (bytes: number): string => (bytes % MIB === 0 ? `${bytes / MIB} MB` : `${Math.round(bytes / KIB)} KiB`);

function tooLarge(operation: string | undefined, limit: number, maxBodyBytes: number): SoapBodyTooLargeError {
  // Only a known operation name is echoed: the peeked name is caller-controlled text.
  const what = operation !== undefined && isQbwcOperation(operation) ? `A request for ${operation}` : 'A request that is not sendRequestXML or receiveResponseXML';
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

/**
 * Fastify content-type parser for SOAP bodies. The limit depends on the operation, read by peekSoapOperation
 * from the first SOAP_PEEK_BYTES before anything is parsed: 64 KiB unless the body is a sendRequestXML or
 * receiveResponseXML (qbwc-soap soap-body-limit.ts). Once a body passes its limit we stop collecting it and
 * answer at once, so an unauthenticated 20 MB `authenticate` costs 64 KiB of buffering and no XML parse;
 * the rest of the upload is discarded unread and the connection closed (rewriteErrorsAsSoapFaults).
 * `as: 'buffer'` hands on the bytes undecoded (the multi-company router forwards them to a company app).
 */
export function soapBodyParser(maxBodyBytes: number, as: 'string' | 'buffer' = 'string') {
  return (req: FastifyRequest, payload: IncomingMessage, done: Done): void => {
    const declared = Number(req.headers['content-length']);
    if (declared > maxBodyBytes) {
      done(tooLarge(undefined, maxBodyBytes, maxBodyBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let limit = maxBodyBytes;
    let operation: string | undefined;
    let peeked = false;

    const peek = (): void => {
      peeked = true;
      operation = peekSoapOperation(prefixOf(chunks, SOAP_PEEK_BYTES).toString('utf8'));
      limit = soapBodyLimit(operation, maxBodyBytes);
    };
    const stop = (): void => {
      payload.removeListener('data', onData);
      payload.removeListener('end', onEnd);
      payload.removeListener('error', onError);
    };
    function onData(chunk: Buffer | string): void {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      chunks.push(buf);
      received += buf.length;
      if (!peeked && received >= SOAP_PEEK_BYTES) peek();
      if (received > limit) {
        stop();
        done(tooLarge(operation, limit, maxBodyBytes));
      }
    }
    function onEnd(): void {
      stop();
      if (!peeked) peek();
      if (received > limit) {
        done(tooLarge(operation, limit, maxBodyBytes));
        return;
      }
      if (!Number.isNaN(declared) && declared !== received) {
        done(Object.assign(new Error('Request body size did not match Content-Length'), { statusCode: 400 }));
        return;
      }
      const body = Buffer.concat(chunks, received);
      done(null, as === 'string' ? body.toString('utf8') : body);
    }
    function onError(err: Error): void {
      stop();
      done(Object.assign(err, { statusCode: 400 }));
    }
    payload.on('data', onData);
    payload.on('end', onEnd);
    payload.on('error', onError);
    payload.resume();
  };
}
