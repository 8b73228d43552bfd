import { Bitrix24Error } from './bitrix24.error.js';
import type { Bitrix24Response } from './bitrix24.types.js';
import { BATCH_MAX_COMMANDS, LIST_PAGE_SIZE, type BatchCommand, type BatchResult, type ListOptions, type ListPage } from './bitrix24-client.types.js';
import { isRecord } from './parse-envelope.js';
import type { Bitrix24ParamValue, Bitrix24Params } from './php-query.js';

type Call = (method: string, params: Bitrix24Params) => Promise<Bitrix24Response<unknown>>;
type Batch = (commands: Readonly<Record<string, BatchCommand>>) => Promise<BatchResult>;

export type ScanOptions = ListOptions & { readonly idKey?: string; readonly itemsKey?: string };

/** Pages of a list method using `start`/`next` (any order); one call per page. */
export async function* listPages<T>(
  call: Call,
  method: string,
  options: ListOptions & { readonly start?: number; readonly itemsKey?: string } = {},
): AsyncGenerator<ListPage<T>> {
  let start: number | undefined = options.start ?? 0;
  while (start !== undefined) {
    const res: Bitrix24Response<unknown> = await call(method, { ...options.params, ...listParams(options), start });
    const items = extractItems<T>(res.result, method, options.itemsKey);
    yield { items, total: res.total, next: res.next };
    start = res.next !== undefined && res.next > start ? res.next : undefined;
  }
}

/**
 * Every record matching `filter`, in ID order, via the fast scan of bitrix24.md §4.1
 * (`order ID ASC`, `filter >ID`, `start=-1`: no COUNT query, no drift when records change).
 * A caller's `>ID` filter is honoured as the starting point. Throws on an order other than ID ASC.
 */
export async function* listAll<T>(call: Call, method: string, options: ScanOptions = {}): AsyncGenerator<T> {
  const scan = scanSetup(method, options);
  let lastId = scan.fromId;
  for (;;) {
    const res = await call(method, scan.params(lastId, -1));
    const items = extractItems<T>(res.result, method, options.itemsKey);
    for (const item of items) yield item;
    if (items.length < LIST_PAGE_SIZE) return;
    lastId = lastIdOf(items, scan.idKey, lastId, method);
  }
}

/**
 * Same records as `listAll`, but up to `pagesPerCall` (≤ 50) pages per HTTP call through `batch`,
 * chaining pages with `>ID = $result[previous][49][ID]` (b24phpsdk `Batch::getTraversableList`,
 * bitrix24.md §4.1). The first call is a counted page whose `total` sizes later batches, so the
 * portal is not asked for pages far past the end. ~50× fewer HTTP calls under the rate limit.
 */
export async function* listAllBatched<T>(
  call: Call,
  batch: Batch,
  method: string,
  options: ScanOptions & { readonly pagesPerCall?: number } = {},
): AsyncGenerator<T> {
  const scan = scanSetup(method, options);
  const perCall = Math.max(1, Math.min(BATCH_MAX_COMMANDS, options.pagesPerCall ?? BATCH_MAX_COMMANDS));
  const first = await call(method, scan.params(scan.fromId, 0));
  const firstItems = extractItems<T>(first.result, method, options.itemsKey);
  for (const item of firstItems) yield item;
  if (firstItems.length < LIST_PAGE_SIZE) return;
  let lastId = lastIdOf(firstItems, scan.idKey, scan.fromId, method);
  let remaining = Math.max(0, (first.total ?? 0) - firstItems.length);
  for (;;) {
    const pages = Math.max(1, Math.min(perCall, Math.ceil(remaining / LIST_PAGE_SIZE)));
    const commands: Record<string, BatchCommand> = {};
    for (let i = 0; i < pages; i++) {
      // Only the first page of a call knows its start ID; later ones take it from the previous page.
      const from = i === 0 ? lastId : `$result[p${i - 1}][${LIST_PAGE_SIZE - 1}][${scan.idKey}]`;
      commands[`p${i}`] = { method, params: scan.params(from, -1) };
    }
    const res = await batch(commands);
    for (let i = 0; i < pages; i++) {
      const error = res.errors.get(`p${i}`);
      if (error !== undefined) throw error;
      const items = extractItems<T>(res.results.get(`p${i}`), method, options.itemsKey);
      for (const item of items) yield item;
      // A short page is the end; later commands of this call referenced a row that does not exist.
      if (items.length < LIST_PAGE_SIZE) return;
      lastId = lastIdOf(items, scan.idKey, lastId, method);
    }
    remaining = Math.max(0, remaining - pages * LIST_PAGE_SIZE);
  }
}

function listParams(o: ListOptions): Bitrix24Params {
  return {
    ...(o.filter !== undefined ? { filter: o.filter } : {}),
    ...(o.select !== undefined ? { select: o.select } : {}),
    ...(o.order !== undefined ? { order: o.order } : {}),
  };
}

function extractItems<T>(result: unknown, method: string, itemsKey: string | undefined): T[] {
  const list = itemsKey !== undefined && isRecord(result) ? result[itemsKey] : result;
  if (!Array.isArray(list)) {
    throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: 'list result is not an array', method, retriable: false });
  }
  // Record shapes are vendor-defined and string-typed; they are passed through as the caller's T.
  return list as T[];
}

/** Shared set-up of the `>ID` scans: validates the order and builds each page's params. */
function scanSetup(method: string, options: ScanOptions) {
  const idKey = options.idKey ?? 'ID';
  const order = options.order ?? {};
  const orderKeys = Object.keys(order);
  // Any other order would make the `>ID` cursor skip records.
  if (orderKeys.length > 1 || (orderKeys.length === 1 && (orderKeys[0] !== idKey || String(order[idKey]).toUpperCase() !== 'ASC'))) {
    throw new Bitrix24Error({ code: 'INVALID', message: `listAll scans by ${idKey} ASC; use listPages for other orders`, method, retriable: false });
  }
  const filter: Record<string, Bitrix24ParamValue> = { ...options.filter };
  const gtKey = `>${idKey}`;
  const from = filter[gtKey];
  delete filter[gtKey];
  const fromId = typeof from === 'number' || typeof from === 'string' ? Number(from) : 0;
  const select = options.select !== undefined && !options.select.includes(idKey) && !options.select.includes('*') ? [...options.select, idKey] : options.select;
  const params = (after: number | string, start: number): Bitrix24Params => ({
    ...options.params,
    filter: { ...filter, [gtKey]: after },
    ...(select !== undefined ? { select } : {}),
    order: { [idKey]: 'ASC' },
    start,
  });
  return { idKey, fromId, params };
}

function lastIdOf(items: readonly unknown[], idKey: string, previous: number, method: string): number {
  const last = items[items.length - 1];
  const id = isRecord(last) ? Number(last[idKey]) : Number.NaN;
  if (!Number.isFinite(id) || id <= previous) {
    throw new Bitrix24Error({ code: 'BAD_RESPONSE', message: `list page without increasing ${idKey}`, method, retriable: false });
  }
  return id;
}
