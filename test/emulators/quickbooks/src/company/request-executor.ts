import type { XmlElement } from '../xml/xml-element.type.js';
import type { FieldObject, ListKind, ListRecord, TxnKind, TxnRecord } from './company-data.type.js';
import { ITEM_KINDS } from './company-data.type.js';
import { type CompanyStore, familyOf, obj, str } from './company-store.js';
import { deletedQuery, listDel, txnDel } from './delete-requests.js';
import { type QbStatus, status } from './qb-status.js';
import { listsMatching, txnsMatching } from './query-filters.js';
import { type IteratorState, page } from './query-paging.js';
import { child, listKindOf, text, texts, toFields, txnKindOf } from './request-readers.js';
import type { RetOptions } from './ret-writer.js';

export { toFields } from './request-readers.js';

/** One answered request: the status plus the Ret objects to write (element name + fields). */
export interface RequestOutcome {
  readonly status: QbStatus;
  readonly rets: readonly { readonly name: string; readonly fields: FieldObject }[];
  readonly extraAttrs?: Readonly<Record<string, string>>;
}

export interface ExecutorHooks {
  readonly retForList: (rec: ListRecord) => FieldObject;
  readonly retForTxn: (t: TxnRecord, opts: RetOptions) => FieldObject;
  readonly filter: (ret: FieldObject, opts: RetOptions) => FieldObject;
  readonly isUsingEstimates: () => boolean;
  /** Requests handled outside this class (DataExt, payments, voids, linked InvoiceAdd); undefined = not handled. */
  readonly extra: (rq: XmlElement) => RequestOutcome | undefined;
}

/** Executes validated requests against the store; iterators live here and die with the session. */
export class RequestExecutor {
  private iterators = new Map<string, IteratorState>();

  constructor(
    private readonly store: CompanyStore,
    private readonly hooks: ExecutorHooks,
  ) {}

  endSession(): void {
    this.iterators = new Map();
  }

  execute(rq: XmlElement): RequestOutcome {
    const extra = this.hooks.extra(rq);
    if (extra) return extra;
    const name = rq.name.replace(/Rq$/, '');
    const m = /^(.*)(Add|Mod|Query)$/.exec(name);
    if (name === 'ListDel') return listDel(this.store, rq);
    if (name === 'TxnDel') return txnDel(this.store, rq);
    if (name === 'ListDeletedQuery' || name === 'TxnDeletedQuery') return deletedQuery(this.store, rq, name === 'TxnDeletedQuery');
    if (!m) return { status: status(1030, `The request "${rq.name}" is not supported by this implementation.`), rets: [] };
    const [, objName = '', op] = m;
    const lk = listKindOf(objName);
    const tk = txnKindOf(objName);
    if (op === 'Query' && (lk || objName === 'Item')) return this.listQuery(rq, lk ? [lk] : ITEM_KINDS);
    if (op === 'Query' && tk) return this.txnQuery(rq, tk);
    const body = child(rq, `${objName}${op}`);
    if (!body) return { status: status(1030, `The request "${rq.name}" is not supported by this implementation.`), rets: [] };
    const opts: RetOptions = { includeLineItems: true, includeRetElements: texts(rq, 'IncludeRetElement'), ownerIds: [] };
    if (lk && op === 'Add') return this.listResult(this.store.addList(lk, toFields(body), objName), opts);
    if (lk && op === 'Mod') return this.listResult(this.store.modList([lk], toFields(body), objName), opts);
    if (tk && (op === 'Add' || op === 'Mod')) {
      const fields = toFields(body);
      const lineName = `${tk}Line${op}`;
      const lineValues = fields[lineName];
      const lines = (Array.isArray(lineValues) ? lineValues : lineValues === undefined ? [] : [lineValues]).map((v) => obj(v) ?? {});
      delete fields[lineName];
      delete fields[`${tk}LineGroup${op}`];
      const r =
        op === 'Add'
          ? this.store.addTxn(tk, fields, lines, tk, this.hooks.isUsingEstimates())
          : this.store.modTxn(tk, fields, lineValues === undefined ? null : lines, tk);
      return r.txn
        ? { status: r.status, rets: [{ name: `${tk}Ret`, fields: this.hooks.filter(this.hooks.retForTxn(r.txn, opts), opts) }] }
        : { status: r.status, rets: [] };
    }
    return { status: status(1030, `The request "${rq.name}" is not supported by this implementation.`), rets: [] };
  }

  private listResult(r: ReturnType<CompanyStore['addList']>, opts: RetOptions): RequestOutcome {
    return r.list
      ? { status: r.status, rets: [{ name: `${r.list.kind}Ret`, fields: this.hooks.filter(this.hooks.retForList(r.list), opts) }] }
      : { status: r.status, rets: [] };
  }

  private listQuery(rq: XmlElement, kinds: readonly ListKind[]): RequestOutcome {
    const opts: RetOptions = { includeLineItems: false, includeRetElements: texts(rq, 'IncludeRetElement'), ownerIds: texts(rq, 'OwnerID') };
    const render = (id: string, o: RetOptions): { name: string; fields: FieldObject } | undefined => {
      const rec = this.store.lists.get(id);
      return rec ? { name: `${rec.kind}Ret`, fields: this.hooks.filter(this.hooks.retForList(rec), o) } : undefined;
    };
    if (rq.attrs['iterator'] === 'Continue' || rq.attrs['iterator'] === 'Stop') return page(this.iterators, rq, null, opts, render, false);
    const family = familyOf(kinds[0] ?? 'Customer');
    const byId = texts(rq, 'ListID');
    const byName = texts(rq, 'FullName');
    let recs: ListRecord[];
    let partial = false;
    if (byId.length || byName.length) {
      // Direct lookups return inactive records too (no ActiveStatus is allowed with them; qbxml.md §5.1).
      const found = byId.length ? byId.map((id) => this.store.findListById(family, id)) : byName.map((n) => this.store.findByFullName(family, n));
      recs = found.filter((r): r is ListRecord => r !== undefined && kinds.includes(r.kind));
      partial = recs.length > 0 && recs.length < found.length;
    } else {
      const matching = listsMatching(this.store, rq, kinds);
      if ('code' in matching) return { status: matching, rets: [] };
      recs = matching;
    }
    return page(
      this.iterators,
      rq,
      recs.map((r) => r.ListID),
      opts,
      render,
      partial,
    );
  }

  private txnQuery(rq: XmlElement, kind: TxnKind): RequestOutcome {
    if (kind === 'Estimate' && !this.hooks.isUsingEstimates())
      return { status: status(3250, 'This feature is not enabled or not available in this version of QuickBooks.'), rets: [] };
    const opts: RetOptions = {
      includeLineItems: text(rq, 'IncludeLineItems') === 'true' || text(rq, 'IncludeLineItems') === '1',
      includeRetElements: texts(rq, 'IncludeRetElement'),
      ownerIds: texts(rq, 'OwnerID'),
      includeLinkedTxns: text(rq, 'IncludeLinkedTxns') === 'true' || text(rq, 'IncludeLinkedTxns') === '1',
    };
    const render = (id: string, o: RetOptions): { name: string; fields: FieldObject } | undefined => {
      const t = this.store.txns.get(id);
      return t ? { name: `${t.kind}Ret`, fields: this.hooks.filter(this.hooks.retForTxn(t, o), o) } : undefined;
    };
    if (rq.attrs['iterator'] === 'Continue' || rq.attrs['iterator'] === 'Stop') return page(this.iterators, rq, null, opts, render, false);
    const all = [...this.store.txns.values()].filter((t) => t.kind === kind);
    const byId = texts(rq, 'TxnID');
    const byRef = texts(rq, 'RefNumber');
    const byRefCs = texts(rq, 'RefNumberCaseSensitive');
    let recs: TxnRecord[];
    let partial = false;
    if (byId.length || byRef.length || byRefCs.length) {
      const found = byId.length
        ? byId.map((id) => all.filter((t) => t.TxnID === id))
        : byRef.length
          ? byRef.map((r) => all.filter((t) => (str(t.fields['RefNumber']) ?? '').toLowerCase() === r.toLowerCase()))
          : byRefCs.map((r) => all.filter((t) => str(t.fields['RefNumber']) === r));
      recs = found.flat();
      partial = recs.length > 0 && found.some((f) => f.length === 0);
    } else {
      const matching = txnsMatching(this.store, rq, all);
      if ('code' in matching) return { status: matching, rets: [] };
      recs = matching;
    }
    return page(
      this.iterators,
      rq,
      recs.map((t) => t.TxnID),
      opts,
      render,
      partial,
    );
  }
}
