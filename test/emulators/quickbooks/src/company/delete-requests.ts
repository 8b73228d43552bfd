/** ListDel / TxnDel requests and the ListDeletedQuery / TxnDeletedQuery answers built from the store's deleted records. */
import { formatQbDateTime, toWallMs } from '../time/local-time.js';
import type { XmlElement } from '../xml/xml-element.type.js';
import type { FieldObject } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';
import { NO_MATCH, STATUS_OK, status } from './qb-status.js';
import { modifiedRange } from './query-filters.js';
import type { RequestOutcome } from './request-executor.js';
import { child, listKindOf, text, texts, txnKindOf } from './request-readers.js';

export function listDel(store: CompanyStore, rq: XmlElement): RequestOutcome {
  const type = text(rq, 'ListDelType') ?? '';
  const kind = listKindOf(type);
  const r = kind
    ? store.deleteList(kind, text(rq, 'ListID') ?? '')
    : { status: status(3120, `Object "${text(rq, 'ListID') ?? ''}" specified in the request cannot be found.`) };
  if (!('deleted' in r) || !r.deleted) return { status: r.status, rets: [] };
  const d = r.deleted;
  const zone = store.zone;
  return {
    status: r.status,
    rets: [{ name: '#ListDel', fields: { ListDelType: d.type, ListID: d.id, TimeDeleted: formatQbDateTime(d.timeDeleted, zone), FullName: d.name } }],
  };
}

export function txnDel(store: CompanyStore, rq: XmlElement): RequestOutcome {
  const type = text(rq, 'TxnDelType') ?? '';
  const kind = txnKindOf(type);
  const r = kind
    ? store.deleteTxn(kind, text(rq, 'TxnID') ?? '')
    : { status: status(3120, `Object "${text(rq, 'TxnID') ?? ''}" specified in the request cannot be found.`) };
  if (!('deleted' in r) || !r.deleted) return { status: r.status, rets: [] };
  const d = r.deleted;
  const zone = store.zone;
  return {
    status: r.status,
    rets: [{ name: '#TxnDel', fields: { TxnDelType: d.type, TxnID: d.id, TimeDeleted: formatQbDateTime(d.timeDeleted, zone), RefNumber: d.name } }],
  };
}

/** ListDeletedQuery/TxnDeletedQuery with DeletedDateRangeFilter (qbxml.md §5.4, §10 item 25). */
export function deletedQuery(store: CompanyStore, rq: XmlElement, isTxn: boolean): RequestOutcome {
  const types = texts(rq, isTxn ? 'TxnDelType' : 'ListDelType');
  const f = child(rq, 'DeletedDateRangeFilter');
  const range = modifiedRange(store, text(f, 'FromDeletedDate'), text(f, 'ToDeletedDate'));
  if ('code' in range) return { status: range, rets: [] };
  const zone = store.zone;
  const rets = store.deleted
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
