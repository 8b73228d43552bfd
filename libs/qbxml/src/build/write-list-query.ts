import { QbxmlError } from '../qbxml.error.js';
import type { ListQuerySelection, TxnQuerySelection } from '../types/requests.type.js';
import type { ElementWriter } from './element-writer.js';

const hasAny = (values: readonly unknown[]): boolean => values.some((v) => v !== undefined);

/**
 * Writes the body of a list query (Customer/Vendor/Item): ListID+ | FullName+ | filters, then
 * IncludeRetElement*, OwnerID* (qbxml.md §5.1). Mixing families is a schema error, so it throws.
 */
export function writeListQuery(w: ElementWriter, q: ListQuerySelection, path: string): void {
  const byId = (q.ListID?.length ?? 0) > 0;
  const byName = (q.FullName?.length ?? 0) > 0;
  const filters = hasAny([q.MaxReturned, q.ActiveStatus, q.FromModifiedDate, q.ToModifiedDate, q.NameFilter, q.NameRangeFilter]);
  if (Number(byId) + Number(byName) + Number(filters) > 1) {
    throw new QbxmlError('INVALID_INPUT', `${path}: use ListID, FullName or filters, not several`, path);
  }
  if (q.iterator !== undefined && q.iterator.iterator !== 'Start') {
    // Continue/Stop pages keep the filters given at Start (qbxml.md §5.3).
    w.int('MaxReturned', q.MaxReturned, 1);
    return;
  }
  w.ids('ListID', q.ListID);
  w.strs('FullName', q.FullName, 209);
  w.int('MaxReturned', q.MaxReturned, 1);
  w.enumValue('ActiveStatus', q.ActiveStatus);
  w.dateTime('FromModifiedDate', q.FromModifiedDate);
  w.dateTime('ToModifiedDate', q.ToModifiedDate);
  if (q.NameFilter !== undefined && q.NameRangeFilter !== undefined) {
    throw new QbxmlError('INVALID_INPUT', `${path}: NameFilter and NameRangeFilter exclude each other`, path);
  }
  if (q.NameFilter !== undefined) {
    const f = w.child('NameFilter');
    f.enumValue('MatchCriterion', q.NameFilter.MatchCriterion);
    f.str('Name', q.NameFilter.Name, undefined, true);
  }
  if (q.NameRangeFilter !== undefined) {
    const f = w.child('NameRangeFilter');
    f.str('FromName', q.NameRangeFilter.FromName);
    f.str('ToName', q.NameRangeFilter.ToName);
    f.dropIfEmpty();
  }
  w.strs('IncludeRetElement', q.IncludeRetElement, 50);
  w.guids('OwnerID', q.OwnerID);
}

/** Writes the body of InvoiceQuery/EstimateQuery: TxnID+ | RefNumber+ | filters, then flags (qbxml.md §5.2). */
export function writeTxnQuery(w: ElementWriter, q: TxnQuerySelection, path: string, paidStatus?: string): void {
  const byId = (q.TxnID?.length ?? 0) > 0;
  const byRef = (q.RefNumber?.length ?? 0) > 0;
  const filters = hasAny([q.MaxReturned, q.ModifiedDateRangeFilter, q.TxnDateRangeFilter, q.EntityFilter, q.RefNumberFilter, paidStatus]);
  if (Number(byId) + Number(byRef) + Number(filters) > 1) {
    throw new QbxmlError('INVALID_INPUT', `${path}: use TxnID, RefNumber or filters, not several`, path);
  }
  if (q.ModifiedDateRangeFilter !== undefined && q.TxnDateRangeFilter !== undefined) {
    throw new QbxmlError('INVALID_INPUT', `${path}: ModifiedDateRangeFilter and TxnDateRangeFilter exclude each other`, path);
  }
  if (q.iterator !== undefined && q.iterator.iterator !== 'Start') {
    w.int('MaxReturned', q.MaxReturned, 1);
    return;
  }
  w.ids('TxnID', q.TxnID);
  w.strs('RefNumber', q.RefNumber, 11);
  w.int('MaxReturned', q.MaxReturned, 1);
  if (q.ModifiedDateRangeFilter !== undefined) {
    const f = w.child('ModifiedDateRangeFilter');
    f.dateTime('FromModifiedDate', q.ModifiedDateRangeFilter.FromModifiedDate);
    f.dateTime('ToModifiedDate', q.ModifiedDateRangeFilter.ToModifiedDate);
    f.dropIfEmpty();
  }
  if (q.TxnDateRangeFilter !== undefined) {
    const f = w.child('TxnDateRangeFilter');
    f.date('FromTxnDate', q.TxnDateRangeFilter.FromTxnDate);
    f.date('ToTxnDate', q.TxnDateRangeFilter.ToTxnDate);
    f.dropIfEmpty();
  }
  const e = q.EntityFilter;
  if (e !== undefined) {
    const f = w.child('EntityFilter');
    if ('ListID' in e) f.ids('ListID', e.ListID);
    else if ('FullName' in e) f.strs('FullName', e.FullName, 209);
    else if ('ListIDWithChildren' in e) f.id('ListIDWithChildren', e.ListIDWithChildren);
    else f.str('FullNameWithChildren', e.FullNameWithChildren, 209, true);
    f.dropIfEmpty();
  }
  if (q.RefNumberFilter !== undefined) {
    const f = w.child('RefNumberFilter');
    f.enumValue('MatchCriterion', q.RefNumberFilter.MatchCriterion);
    f.str('RefNumber', q.RefNumberFilter.RefNumber, 11, true);
  }
  w.enumValue('PaidStatus', paidStatus);
  w.bool('IncludeLineItems', q.IncludeLineItems);
  w.bool('IncludeLinkedTxns', q.IncludeLinkedTxns);
  w.strs('IncludeRetElement', q.IncludeRetElement, 50);
  w.guids('OwnerID', q.OwnerID);
}
