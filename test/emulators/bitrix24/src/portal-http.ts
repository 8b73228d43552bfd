/** HTTP plumbing of the portal: the answer shape, JSON error answers, method-name normalisation, request body reading and parameter parsing. */
import type { IncomingMessage } from 'node:http';
import type { ApiError } from './api-error.js';
import { phpJson } from './format.js';
import { isRecord, mergeParams, parseMultipart, parseQueryString, type Params } from './params.js';

export interface Answer {
  status: number;
  body: string;
  contentType?: string;
  headers?: Record<string, string>;
  error?: string;
}

export function errorAnswer(e: ApiError): Answer {
  return { status: e.status, body: phpJson({ error: e.code, error_description: e.description }), error: e.code === '' ? e.description : String(e.code) };
}

/** Method names are case-insensitive; `.json`/`.xml` suffixes are optional (§1.1). */
export function normalizeMethod(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/\.(json|xml)$/, '');
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Query string merged with the body (JSON, form-urlencoded or multipart); a GET body is ignored (§6.3, #223). */
export function requestParams(req: IncomingMessage, url: URL, body: Buffer): Params {
  const query = parseQueryString(url.search.replace(/^\?/, ''));
  if (req.method === 'GET' || body.length === 0) return query;
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  let parsed: Params = {};
  if (type.includes('json')) {
    try {
      const v: unknown = JSON.parse(body.toString('utf8'));
      // PHP json_decode of a non-object (or invalid JSON) yields no parameters.
      if (isRecord(v)) parsed = v;
    } catch {
      parsed = {};
    }
  } else if (type.includes('multipart/form-data')) parsed = parseMultipart(body, type);
  else parsed = parseQueryString(body.toString('utf8'));
  return mergeParams(query, parsed);
}
