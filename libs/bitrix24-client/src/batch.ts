import { Bitrix24Error, classifyPortalError } from './bitrix24.error.js';
import type { Bitrix24Response } from './bitrix24.types.js';
import { BATCH_MAX_COMMANDS, type BatchCommand, type BatchCommands, type BatchOptions, type BatchResult } from './bitrix24-client.types.js';
import { asMap } from './parse-envelope.js';
import { encodePhpQuery, type Bitrix24ParamValue, type Bitrix24Params } from './php-query.js';

export const METHOD_NAME = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/i;
const COMMAND_KEY = /^[A-Za-z0-9_]+$/;
const RESULT_REF = /\$result\[([^\]]+)\]/g;

type Call = (method: string, params: Bitrix24Params) => Promise<Bitrix24Response<unknown>>;

/**
 * Runs commands through `batch` (bitrix24.md §3), ≤ 50 per HTTP call, in order. Each command is
 * `method?http_build_query(params)` inside a JSON body. Per-command results and errors come back
 * separately. Throws `Bitrix24Error` for invalid input (before any call) or when a whole chunk fails.
 */
export async function runBatch(call: Call, commands: BatchCommands, options: BatchOptions = {}): Promise<BatchResult> {
  const entries: [string, BatchCommand][] = isCommandList(commands) ? commands.map((c, i) => [`cmd_${i}`, c]) : Object.entries(commands);
  const chunks: [string, BatchCommand][][] = [];
  for (let i = 0; i < entries.length; i += BATCH_MAX_COMMANDS) chunks.push(entries.slice(i, i + BATCH_MAX_COMMANDS));
  for (const chunk of chunks) validateChunk(chunk);

  const results = new Map<string, unknown>();
  const errors = new Map<string, Bitrix24Error>();
  const totals = new Map<string, number>();
  const nexts = new Map<string, number>();
  const skipped: string[] = [];
  let httpCalls = 0;
  let halted = false;
  for (const chunk of chunks) {
    if (halted) {
      skipped.push(...chunk.map(([k]) => k));
      continue;
    }
    const cmd: Record<string, string> = {};
    for (const [key, c] of chunk) {
      const query = encodePhpQuery(c.params ?? {});
      cmd[key] = query === '' ? c.method : `${c.method}?${query}`;
    }
    httpCalls++;
    const res = await call('batch', { halt: options.halt ? 1 : 0, cmd });
    // Empty maps arrive as [] (PHP quirk, bitrix24.md §3): asMap accepts both.
    const body = asMap(res.result);
    const rResult = asMap(body['result']);
    const rError = asMap(body['result_error']);
    const rTotal = asMap(body['result_total']);
    const rNext = asMap(body['result_next']);
    for (const [key, c] of chunk) {
      const err = rError[key];
      if (err !== undefined) {
        const e = asMap(err);
        const portalError = typeof e['error'] === 'string' ? e['error'] : '';
        const message = typeof e['error_description'] === 'string' ? e['error_description'] : portalError;
        const { code, retriable } = classifyPortalError(undefined, portalError, message);
        errors.set(key, new Bitrix24Error({ code, portalError, message, method: c.method, retriable, commandKey: key }));
      } else if (key in rResult) {
        results.set(key, rResult[key]);
        const t = rTotal[key];
        const n = rNext[key];
        if (typeof t === 'number') totals.set(key, t);
        if (typeof n === 'number') nexts.set(key, n);
      } else {
        skipped.push(key);
      }
    }
    if (options.halt && Object.keys(rError).length > 0) halted = true;
  }
  return { results, errors, totals, nexts, skipped, httpCalls };
}

function isCommandList(c: BatchCommands): c is readonly BatchCommand[] {
  return Array.isArray(c);
}

// The portal resolves `$result[key]` only against earlier commands of the SAME batch call, so a
// reference across a chunk boundary would silently become an empty value; refuse it up front.
function validateChunk(chunk: readonly [string, BatchCommand][]): void {
  const seen = new Set<string>();
  for (const [key, c] of chunk) {
    if (!COMMAND_KEY.test(key)) {
      throw new Bitrix24Error({ code: 'INVALID', message: `batch command key "${key}" must match [A-Za-z0-9_]+`, method: 'batch', retriable: false });
    }
    if (!METHOD_NAME.test(c.method) || c.method === 'batch') {
      throw new Bitrix24Error({ code: 'INVALID', message: `"${c.method}" cannot run inside batch`, method: 'batch', retriable: false, commandKey: key });
    }
    for (const ref of collectRefs(c.params ?? {})) {
      if (!seen.has(ref)) {
        throw new Bitrix24Error({
          code: 'INVALID',
          message: `command "${key}" references $result[${ref}], which is not an earlier command of the same chunk of ${BATCH_MAX_COMMANDS}`,
          method: 'batch',
          retriable: false,
          commandKey: key,
        });
      }
    }
    seen.add(key);
  }
}

function collectRefs(v: Bitrix24ParamValue): string[] {
  if (typeof v === 'string') return [...v.matchAll(RESULT_REF)].map((m) => m[1] ?? '');
  if (v === null || typeof v !== 'object') return [];
  const values: readonly Bitrix24ParamValue[] = Array.isArray(v) ? v : Object.values(v);
  return values.flatMap(collectRefs);
}
