import { randomUUID } from 'node:crypto';
import type { XmlElement } from '../xml/xml-element.type.js';
import { formatQbDateTime, parseRequestDateTime, toWallMs } from '../time/local-time.js';
import type { FieldObject, FieldValue, ListKind, ListRecord, TxnKind, TxnRecord } from './company-data.type.js';
import { ITEM_KINDS, LIST_KINDS, TXN_KINDS } from './company-data.type.js';
import { type CompanyStore, familyOf, obj, str } from './company-store.js';
import { type QbStatus, NO_MATCH, STATUS_OK, status } from './qb-status.js';
import type { RetOptions } from './ret-writer.js';

/** One answered request: the status plus the Ret objects to write (element name + fields). */
export interface RequestOutcome {
  readonly status: QbStatus;
  readonly rets: readonly { readonly name: string; readonly fields: FieldObject }[];
  readonly extraAttrs?: Readonly<Record<string, string>>;
}

interface IteratorState {
  readonly rqName: string;
  readonly ids: readonly string[];
  pos: number;
  readonly opts: RetOptions;
}

/** Turns a request element into a FieldObject (repeated children become arrays). Pure. */
export function toFields(el: XmlElement): FieldObject {
  const out: FieldObject = {};
  for (const c of el.children) {
    const v: FieldValue = c.children.length ? toFields(c) : c.text;
    const prev = out[c.name];
    if (prev === undefined) out[c.name] = v;
    else if (Array.isArray(prev)) prev.push(v);
    else out[c.name] = [prev, v];
  }
  return out;
}

const texts = (el: XmlElement, name: string): string[] => el.children.filter((c) => c.name === name).map((c) => c.text);
const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
const text = (el: XmlElement | undefined, name: string): string | undefined => child(el, name)?.text;

function listKindOf(name: string): ListKind | undefined {
  return LIST_KINDS.find((k) => k === name);
}
function txnKindOf(name: string): TxnKind | undefined {
  return TXN_KINDS.find((k) => k === name);
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
    if (name === 'ListDel') return this.listDel(rq);
    if (name === 'TxnDel') return this.txnDel(rq);
    if (name === 'ListDeletedQuery' || name === 'TxnDeletedQuery') return this.deletedQuery(rq, name === 'TxnDeletedQuery');
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

  private modifiedRange(from: string | undefined, to: string | undefined): { from: number; to: number } | QbStatus {
    const zone = this.store.zone;
    const f = from === undefined ? -Infinity : parseRequestDateTime(from, zone);
    const t = to === undefined ? Infinity : parseRequestDateTime(to, zone, true);
    if (f === null || t === null) return status(3020, `There was an error when converting the date value "${from ?? to ?? ''}".`);
    if (f > t) return status(3030, 'The date range is invalid: the start date is after the end date.');
    return { from: f, to: t };
  }

  /** Starts, continues or stops an iterator, or pages a plain query (qbxml.md §5.3, §10 items 23-24). */
  private page(
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
      const it = this.iterators.get(id);
      // An unknown/expired iteratorID (e.g. from an earlier session) is an error; code unconfirmed (qbxml.md §5.3).
      if (!it || it.rqName !== rq.name) return { status: status(3000, `The given object ID "${id}" in the field "iteratorID" is invalid.`), rets: [] };
      if (iterator === 'Stop') {
        this.iterators.delete(id);
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
      this.iterators.set(id, { rqName: rq.name, ids: all, pos: slice.length, opts });
      return build(slice, { iteratorRemainingCount: String(all.length - slice.length), iteratorID: id }, all.length);
    }
    return build(slice, {}, all.length);
  }

  private listQuery(rq: XmlElement, kinds: readonly ListKind[]): RequestOutcome {
    const opts: RetOptions = { includeLineItems: false, includeRetElements: texts(rq, 'IncludeRetElement'), ownerIds: texts(rq, 'OwnerID') };
    const render = (id: string, o: RetOptions): { name: string; fields: FieldObject } | undefined => {
      const rec = this.store.lists.get(id);
      return rec ? { name: `${rec.kind}Ret`, fields: this.hooks.filter(this.hooks.retForList(rec), o) } : undefined;
    };
    if (rq.attrs['iterator'] === 'Continue' || rq.attrs['iterator'] === 'Stop') return this.page(rq, null, opts, render, false);
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
      const active = text(rq, 'ActiveStatus') ?? 'ActiveOnly'; // default ActiveOnly (qbxml.md §5.1)
      const range = this.modifiedRange(text(rq, 'FromModifiedDate'), text(rq, 'ToModifiedDate'));
      if ('code' in range) return { status: range, rets: [] };
      const nf = child(rq, 'NameFilter');
      const nr = child(rq, 'NameRangeFilter');
      const crit = text(nf, 'MatchCriterion');
      const needle = (text(nf, 'Name') ?? '').toLowerCase();
      const fromName = text(nr, 'FromName')?.toLowerCase();
      const toName = text(nr, 'ToName')?.toLowerCase();
      const zone = this.store.zone;
      recs = [...this.store.lists.values()].filter((r) => {
        if (!kinds.includes(r.kind)) return false;
        const isActive = str(r.fields['IsActive']) !== 'false' && str(r.fields['IsActive']) !== '0';
        if (active === 'ActiveOnly' && !isActive) return false;
        if (active === 'InactiveOnly' && isActive) return false;
        const wall = toWallMs(r.timeModified, zone) - (r.timeModified % 1000);
        if (wall < range.from || wall > range.to) return false;
        const fullName = this.store.fullName(r).toLowerCase();
        if (nf && crit === 'StartsWith' && !fullName.startsWith(needle)) return false;
        if (nf && crit === 'Contains' && !fullName.includes(needle)) return false;
        if (nf && crit === 'EndsWith' && !fullName.endsWith(needle)) return false;
        if (fromName !== undefined && fullName < fromName) return false;
        if (toName !== undefined && fullName > toName && !fullName.startsWith(toName)) return false;
        return true;
      });
      // QuickBooks returns list objects in name order (qbxml.md §5.1, unconfirmed).
      const names = new Map(recs.map((r) => [r.ListID, this.store.fullName(r).toLowerCase()]));
      recs.sort((a, b) => ((names.get(a.ListID) ?? '') < (names.get(b.ListID) ?? '') ? -1 : 1));
    }
    return this.page(
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
    if (rq.attrs['iterator'] === 'Continue' || rq.attrs['iterator'] === 'Stop') return this.page(rq, null, opts, render, false);
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
      const mdr = child(rq, 'ModifiedDateRangeFilter');
      const range = this.modifiedRange(text(mdr, 'FromModifiedDate'), text(mdr, 'ToModifiedDate'));
      if ('code' in range) return { status: range, rets: [] };
      const tdr = child(rq, 'TxnDateRangeFilter');
      const fromDate = text(tdr, 'FromTxnDate');
      const toDate = text(tdr, 'ToTxnDate');
      const ef = child(rq, 'EntityFilter');
      const entityIds = this.entityIds(ef);
      const rnf = child(rq, 'RefNumberFilter');
      const rnr = child(rq, 'RefNumberRangeFilter');
      const paid = text(rq, 'PaidStatus') ?? 'All';
      const zone = this.store.zone;
      recs = all.filter((t) => {
        // A payment under variant 'findable' leaves TimeModified but the filter still finds the invoice (§5.6 (b)).
        const modified = Math.max(t.timeModified, t.filterModified ?? 0);
        const wall = toWallMs(modified, zone) - (modified % 1000);
        if (wall < range.from || wall > range.to) return false;
        const txnDate = str(t.fields['TxnDate']) ?? '';
        if (fromDate !== undefined && txnDate < fromDate) return false;
        if (toDate !== undefined && txnDate > toDate) return false;
        if (entityIds && !entityIds.has(str(obj(t.fields['CustomerRef'])?.['ListID']) ?? '')) return false;
        const ref = str(t.fields['RefNumber']) ?? '';
        if (rnf) {
          const c = text(rnf, 'MatchCriterion');
          const n = (text(rnf, 'RefNumber') ?? '').toLowerCase();
          const r = ref.toLowerCase();
          if ((c === 'StartsWith' && !r.startsWith(n)) || (c === 'Contains' && !r.includes(n)) || (c === 'EndsWith' && !r.endsWith(n))) return false;
        }
        if (rnr) {
          const from = text(rnr, 'FromRefNumber');
          const to = text(rnr, 'ToRefNumber');
          if ((from !== undefined && ref < from) || (to !== undefined && ref > to)) return false;
        }
        if (paid !== 'All') {
          const isPaid = this.store.totals(t).balanceCents <= 0;
          if ((paid === 'PaidOnly') !== isPaid) return false;
        }
        return true;
      });
      recs.sort((a, b) => a.TxnNumber - b.TxnNumber);
    }
    return this.page(
      rq,
      recs.map((t) => t.TxnID),
      opts,
      render,
      partial,
    );
  }

  /** EntityFilter: ListID+/FullName+, or ...WithChildren to include jobs (qbxml.md §5.2). */
  private entityIds(ef: XmlElement | undefined): Set<string> | null {
    if (!ef) return null;
    const ids = new Set<string>();
    const customers = this.store.listsOf('Customer');
    for (const c of ef.children) {
      const rec = c.name.startsWith('ListID') ? this.store.findListById('Customer', c.text) : this.store.findByFullName('Customer', c.text);
      if (!rec) continue;
      ids.add(rec.ListID);
      if (c.name.endsWith('WithChildren')) {
        const prefix = `${this.store.fullName(rec)}:`.toLowerCase();
        for (const other of customers) if (this.store.fullName(other).toLowerCase().startsWith(prefix)) ids.add(other.ListID);
      }
    }
    return ids;
  }

  private listDel(rq: XmlElement): RequestOutcome {
    const type = text(rq, 'ListDelType') ?? '';
    const kind = listKindOf(type);
    const r = kind
      ? this.store.deleteList(kind, text(rq, 'ListID') ?? '')
      : { status: status(3120, `Object "${text(rq, 'ListID') ?? ''}" specified in the request cannot be found.`) };
    if (!('deleted' in r) || !r.deleted) return { status: r.status, rets: [] };
    const d = r.deleted;
    const zone = this.store.zone;
    return {
      status: r.status,
      rets: [{ name: '#ListDel', fields: { ListDelType: d.type, ListID: d.id, TimeDeleted: formatQbDateTime(d.timeDeleted, zone), FullName: d.name } }],
    };
  }

  private txnDel(rq: XmlElement): RequestOutcome {
    const type = text(rq, 'TxnDelType') ?? '';
    const kind = txnKindOf(type);
    const r = kind
      ? this.store.deleteTxn(kind, text(rq, 'TxnID') ?? '')
      : { status: status(3120, `Object "${text(rq, 'TxnID') ?? ''}" specified in the request cannot be found.`) };
    if (!('deleted' in r) || !r.deleted) return { status: r.status, rets: [] };
    const d = r.deleted;
    const zone = this.store.zone;
    return {
      status: r.status,
      rets: [{ name: '#TxnDel', fields: { TxnDelType: d.type, TxnID: d.id, TimeDeleted: formatQbDateTime(d.timeDeleted, zone), RefNumber: d.name } }],
    };
  }

  /** ListDeletedQuery/TxnDeletedQuery with DeletedDateRangeFilter (qbxml.md §5.4, §10 item 25). */
  private deletedQuery(rq: XmlElement, isTxn: boolean): RequestOutcome {
    const types = texts(rq, isTxn ? 'TxnDelType' : 'ListDelType');
    const f = child(rq, 'DeletedDateRangeFilter');
    const range = this.modifiedRange(text(f, 'FromDeletedDate'), text(f, 'ToDeletedDate'));
    if ('code' in range) return { status: range, rets: [] };
    const zone = this.store.zone;
    const rets = this.store.deleted
      .filter((d) => d.isTxn === isTxn && types.includes(d.type))
      .filter((d) => {
        const wall = toWallMs(d.timeDeleted, zone) - (d.timeDeleted % 1000);
        return wall >= range.from && wall <= range.to;
      })
      .map((d): { name: string; fields: FieldObject } => ({
        name: isTxn ? 'TxnDeletedRet' : 'ListDeletedRet',
        fields: isTxn
          ? {
              TxnDelType: d.type,
              TxnID: d.id,
              TimeCreated: formatQbDateTime(d.timeCreated, zone),
              TimeDeleted: formatQbDateTime(d.timeDeleted, zone),
              RefNumber: d.name,
            }
          : {
              ListDelType: d.type,
              ListID: d.id,
              TimeCreated: formatQbDateTime(d.timeCreated, zone),
              TimeDeleted: formatQbDateTime(d.timeDeleted, zone),
              FullName: d.name,
            },
      }));
    return { status: rets.length ? STATUS_OK : NO_MATCH, rets };
  }
}
