/** The filters of list and transaction queries (ActiveStatus, dates, names, entities, RefNumber, PaidStatus) and their order. */
import { parseRequestDateTime, toWallMs } from '../time/local-time.js';
import type { XmlElement } from '../xml/xml-element.type.js';
import type { ListKind, ListRecord, TxnRecord } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';
import { obj, str } from './field-access.js';
import { type QbStatus, status } from './qb-status.js';
import { child, text } from './request-readers.js';

/** A From/To date(-time) pair as wall-clock ms in the company's zone, or the 3020/3030 status. */
export function modifiedRange(store: CompanyStore, from: string | undefined, to: string | undefined): { from: number; to: number } | QbStatus {
  const zone = store.zone;
  const f = from === undefined ? -Infinity : parseRequestDateTime(from, zone);
  const t = to === undefined ? Infinity : parseRequestDateTime(to, zone, true);
  if (f === null || t === null) return status(3020, `There was an error when converting the date value "${from ?? to ?? ''}".`);
  if (f > t) return status(3030, 'The date range is invalid: the start date is after the end date.');
  return { from: f, to: t };
}

/** The list records of `kinds` an unkeyed list query selects, in name order (or the date status). */
export function listsMatching(store: CompanyStore, rq: XmlElement, kinds: readonly ListKind[]): ListRecord[] | QbStatus {
  const active = text(rq, 'ActiveStatus') ?? 'ActiveOnly'; // default ActiveOnly (qbxml.md §5.1)
  const range = modifiedRange(store, text(rq, 'FromModifiedDate'), text(rq, 'ToModifiedDate'));
  if ('code' in range) return range;
  const nf = child(rq, 'NameFilter');
  const nr = child(rq, 'NameRangeFilter');
  const crit = text(nf, 'MatchCriterion');
  const needle = (text(nf, 'Name') ?? '').toLowerCase();
  const fromName = text(nr, 'FromName')?.toLowerCase();
  const toName = text(nr, 'ToName')?.toLowerCase();
  const zone = store.zone;
  const recs = [...store.lists.values()].filter((r) => {
    if (!kinds.includes(r.kind)) return false;
    const isActive = str(r.fields['IsActive']) !== 'false' && str(r.fields['IsActive']) !== '0';
    if (active === 'ActiveOnly' && !isActive) return false;
    if (active === 'InactiveOnly' && isActive) return false;
    const wall = toWallMs(r.timeModified, zone) - (r.timeModified % 1000);
    if (wall < range.from || wall > range.to) return false;
    const fullName = store.fullName(r).toLowerCase();
    if (nf && crit === 'StartsWith' && !fullName.startsWith(needle)) return false;
    if (nf && crit === 'Contains' && !fullName.includes(needle)) return false;
    if (nf && crit === 'EndsWith' && !fullName.endsWith(needle)) return false;
    if (fromName !== undefined && fullName < fromName) return false;
    if (toName !== undefined && fullName > toName && !fullName.startsWith(toName)) return false;
    return true;
  });
  // QuickBooks returns list objects in name order (qbxml.md §5.1, unconfirmed).
  const names = new Map(recs.map((r) => [r.ListID, store.fullName(r).toLowerCase()]));
  recs.sort((a, b) => ((names.get(a.ListID) ?? '') < (names.get(b.ListID) ?? '') ? -1 : 1));
  return recs;
}

/** The transactions of `all` an unkeyed transaction query selects, in TxnNumber order (or the date status). */
export function txnsMatching(store: CompanyStore, rq: XmlElement, all: readonly TxnRecord[]): TxnRecord[] | QbStatus {
  const mdr = child(rq, 'ModifiedDateRangeFilter');
  const range = modifiedRange(store, text(mdr, 'FromModifiedDate'), text(mdr, 'ToModifiedDate'));
  if ('code' in range) return range;
  const tdr = child(rq, 'TxnDateRangeFilter');
  const fromDate = text(tdr, 'FromTxnDate');
  const toDate = text(tdr, 'ToTxnDate');
  const ef = child(rq, 'EntityFilter');
  const entities = entityIds(store, ef);
  const rnf = child(rq, 'RefNumberFilter');
  const rnr = child(rq, 'RefNumberRangeFilter');
  const paid = text(rq, 'PaidStatus') ?? 'All';
  const zone = store.zone;
  const recs = all.filter((t) => {
    // A payment under variant 'findable' leaves TimeModified but the filter still finds the invoice (§5.6 (b)).
    const modified = Math.max(t.timeModified, t.filterModified ?? 0);
    const wall = toWallMs(modified, zone) - (modified % 1000);
    if (wall < range.from || wall > range.to) return false;
    const txnDate = str(t.fields['TxnDate']) ?? '';
    if (fromDate !== undefined && txnDate < fromDate) return false;
    if (toDate !== undefined && txnDate > toDate) return false;
    if (entities && !entities.has(str(obj(t.fields['CustomerRef'])?.['ListID']) ?? '')) return false;
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
      const isPaid = store.totals(t).balanceCents <= 0;
      if ((paid === 'PaidOnly') !== isPaid) return false;
    }
    return true;
  });
  recs.sort((a, b) => a.TxnNumber - b.TxnNumber);
  return recs;
}

/** EntityFilter: ListID+/FullName+, or ...WithChildren to include jobs (qbxml.md §5.2). */
function entityIds(store: CompanyStore, ef: XmlElement | undefined): Set<string> | null {
  if (!ef) return null;
  const ids = new Set<string>();
  const customers = store.listsOf('Customer');
  for (const c of ef.children) {
    const rec = c.name.startsWith('ListID') ? store.findListById('Customer', c.text) : store.findByFullName('Customer', c.text);
    if (!rec) continue;
    ids.add(rec.ListID);
    if (c.name.endsWith('WithChildren')) {
      const prefix = `${store.fullName(rec)}:`.toLowerCase();
      for (const other of customers) if (store.fullName(other).toLowerCase().startsWith(prefix)) ids.add(other.ListID);
    }
  }
  return ids;
}
