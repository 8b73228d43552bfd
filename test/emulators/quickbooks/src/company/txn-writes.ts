/** The business rules of transaction writes: Add (with defaults and line IDs), Mod (EditSequence, line Mods) and Delete. */
import type { DeletedRecord, FieldObject, TxnKind, TxnRecord } from './company-data.type.js';
import type { CompanyStore, WriteResult } from './company-store.js';
import { str } from './field-access.js';
import { STATUS_OK, status } from './qb-status.js';
import { applyTxnDefaults } from './txn-defaults.js';
import { buildTxnLine, modifiedLines } from './txn-lines.js';

/** Adds a transaction (3250 for an estimate when estimates are off, 3140 for a bad reference). */
export function addTxnRecord(
  store: CompanyStore,
  kind: TxnKind,
  header: FieldObject,
  lineInputs: FieldObject[],
  objectName: string,
  isUsingEstimates: boolean,
): WriteResult {
  if (kind === 'Estimate' && !isUsingEstimates) return { status: status(3250, 'This feature is not enabled or not available in this version of QuickBooks.') };
  const h = store.resolveRefs(header, null, objectName);
  if ('status' in h) return h;
  const lines: FieldObject[] = [];
  for (const l of lineInputs) {
    const r = store.resolveRefs(l, null, objectName);
    if ('status' in r) return r;
    lines.push(r.fields);
  }
  const fields = h.fields;
  const now = store.now();
  applyTxnDefaults(store, kind, fields, now);
  const { txnId, lineIds } = store.nextTxnIds(lines.length);
  const txn: TxnRecord = {
    kind,
    TxnID: txnId,
    TxnNumber: ++store.counters.txnNumber,
    timeCreated: now,
    timeModified: now,
    editSequence: Math.floor(now / 1000),
    fields,
    lines: lines.map((l, i) => buildTxnLine(store, l, lineIds[i] ?? store.nextTxnIds(0).txnId)),
    appliedCents: 0,
  };
  store.txns.set(txn.TxnID, txn);
  store.changed();
  return { status: STATUS_OK, txn };
}

/** TxnMod: header fields replace; when any line Mod is sent, the sent lines become the line list
 *  (`TxnLineID` -1 adds a line; omitted lines are removed — the SDK's documented Mod line semantics). */
export function modTxnRecord(store: CompanyStore, kind: TxnKind, header: FieldObject, lineMods: FieldObject[] | null, objectName: string): WriteResult {
  const txnId = str(header['TxnID']) ?? '';
  const txn = store.txns.get(txnId);
  if (!txn || txn.kind !== kind)
    return {
      status: status(
        3120,
        `Object "${txnId}" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`,
      ),
    };
  const es = str(header['EditSequence']) ?? '';
  if (es !== String(txn.editSequence)) return { status: status(3200, `The provided edit sequence "${es}" is out-of-date. `), txn };
  const { TxnID: _t, EditSequence: _e, ...changes } = header;
  const h = store.resolveRefs(changes, null, objectName);
  if ('status' in h) return h;
  const newLines = lineMods ? modifiedLines(store, txn, lineMods, objectName) : null;
  if (newLines && 'status' in newLines) return newLines;
  Object.assign(txn.fields, h.fields);
  if (newLines) txn.lines = newLines;
  store.touch(txn);
  return { status: STATUS_OK, txn };
}

/** Deletes a transaction (after `onTxnDeleted`) and records it for TxnDeletedQuery. */
export function deleteTxnRecord(store: CompanyStore, kind: TxnKind, txnId: string): WriteResult & { deleted?: DeletedRecord } {
  const txn = store.txns.get(txnId);
  if (!txn || txn.kind !== kind) return { status: status(3120, `Object "${txnId}" specified in the request cannot be found.`) };
  const del: DeletedRecord = {
    type: kind,
    id: txnId,
    isTxn: true,
    timeCreated: txn.timeCreated,
    timeDeleted: store.now(),
    name: str(txn.fields['RefNumber']) ?? '',
  };
  store.onTxnDeleted(txn);
  store.txns.delete(txnId);
  store.deleted.push(del);
  store.changed();
  return { status: STATUS_OK, deleted: del };
}
