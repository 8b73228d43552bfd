/** Paging of query answers: iterators (Start / Continue / Stop), MaxReturned, metaData and the 500 partial status. */
import { randomUUID } from 'node:crypto';
import type { XmlElement } from '../xml/xml-element.type.js';
import type { FieldObject } from './company-data.type.js';
import { NO_MATCH, STATUS_OK, status } from './qb-status.js';
import type { RequestOutcome } from './request-executor.js';
import { text } from './request-readers.js';
import type { RetOptions } from './ret-writer.js';

/** An open iterator: the IDs the Start matched and how far Continue has read. */
export interface IteratorState {
  readonly rqName: string;
  readonly ids: readonly string[];
  pos: number;
  readonly opts: RetOptions;
}

/** Starts, continues or stops an iterator, or pages a plain query (qbxml.md §5.3, §10 items 23-24). */
export function page(
  iterators: Map<string, IteratorState>,
  rq: XmlElement,
  ids: readonly string[] | null,
  opts: RetOptions,
  render: (id: string, opts: RetOptions) => { name: string; fields: FieldObject } | undefined,
  partial: boolean,
): RequestOutcome {
  const iterator = rq.attrs['iterator'];
  const max = text(rq, 'MaxReturned');
  const maxN = max === undefined ? Infinity : Number(max);
  const meta = rq.attrs['metaData'] ?? 'NoMetaData';
  // A Continue carries only MaxReturned; its pages are rendered as the Start asked (IncludeLineItems, IncludeLinkedTxns,
  // OwnerID, IncludeRetElement stay those of Start, qbxml.md §5.3).
  const build = (slice: readonly string[], extra: Record<string, string>, total: number, renderOpts: RetOptions = opts): RequestOutcome => {
    const rets =
      meta === 'MetaDataOnly' ? [] : slice.map((id) => render(id, renderOpts)).filter((x): x is { name: string; fields: FieldObject } => x !== undefined);
    if (meta !== 'NoMetaData') extra = { retCount: String(total), ...extra };
    const st =
      rets.length === 0 && meta !== 'MetaDataOnly'
        ? NO_MATCH
        : partial
          ? status(500, 'The query request has not been fully completed. There was a required element ("ListID") that could not be found in QuickBooks.')
          : STATUS_OK;
    return { status: st, rets, extraAttrs: extra };
  };
  if (iterator === 'Continue' || iterator === 'Stop') {
    const id = rq.attrs['iteratorID'] ?? '';
    const it = iterators.get(id);
    // An unknown/expired iteratorID (e.g. from an earlier session) is an error; code unconfirmed (qbxml.md §5.3).
    if (!it || it.rqName !== rq.name) return { status: status(3000, `The given object ID "${id}" in the field "iteratorID" is invalid.`), rets: [] };
    if (iterator === 'Stop') {
      iterators.delete(id);
      return { status: STATUS_OK, rets: [] };
    }
    const slice = it.ids.slice(it.pos, it.pos + maxN);
    it.pos += slice.length;
    return build(slice, { iteratorRemainingCount: String(it.ids.length - it.pos), iteratorID: id }, slice.length, it.opts);
  }
  const all = ids ?? [];
  const slice = all.slice(0, maxN);
  if (iterator === 'Start') {
    const id = `{${randomUUID()}}`;
    iterators.set(id, { rqName: rq.name, ids: all, pos: slice.length, opts });
    return build(slice, { iteratorRemainingCount: String(all.length - slice.length), iteratorID: id }, all.length);
  }
  return build(slice, {}, all.length);
}
