/** Changes made as a user at the QuickBooks UI (no EditSequence check), and the QuickBooksUserError they throw on a refusal. */
import type { FieldObject, ListKind, TxnKind } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';
import { toCents } from './money.util.js';
import { type QbStatus, status } from './qb-status.js';

/** Thrown by the `user*` helpers when QuickBooks would refuse the user's action. */
export class QuickBooksUserError extends Error {
  constructor(readonly status: QbStatus) {
    super(`${status.code}: ${status.message}`);
    this.name = 'QuickBooksUserError';
  }
}

function orThrow<T>(r: { status: QbStatus } & T): T {
  if (r.status.severity === 'Error') throw new QuickBooksUserError(r.status);
  return r;
}

/** Adds a list record; returns its ListID. */
export function userAddList(store: CompanyStore, kind: ListKind, fields: FieldObject): string {
  const r = orThrow(store.addList(kind, fields, kind));
  if (!r.list) throw new Error('addList returned no record');
  return r.list.ListID;
}

/** Adds a transaction; returns its TxnID. */
export function userAddTxn(store: CompanyStore, kind: TxnKind, header: FieldObject, lines: FieldObject[], isUsingEstimates: boolean): string {
  const r = orThrow(store.addTxn(kind, header, lines, kind, isUsingEstimates));
  if (!r.txn) throw new Error('addTxn returned no record');
  return r.txn.TxnID;
}

/** Edits a list record or transaction with its current EditSequence. */
export function userEdit(store: CompanyStore, id: string, changes: FieldObject): void {
  const rec = store.lists.get(id);
  if (rec) {
    orThrow(store.modList([rec.kind], { ListID: id, EditSequence: String(rec.editSequence), ...changes }, rec.kind));
    return;
  }
  const txn = store.txns.get(id);
  if (!txn) throw new QuickBooksUserError(status(3120, `Object "${id}" specified in the request cannot be found.`));
  orThrow(store.modTxn(txn.kind, { TxnID: id, EditSequence: String(txn.editSequence), ...changes }, null, txn.kind));
}

/** Deletes a list record or transaction. */
export function userDelete(store: CompanyStore, id: string): void {
  const rec = store.lists.get(id);
  if (rec) {
    orThrow(store.deleteList(rec.kind, id));
    return;
  }
  const txn = store.txns.get(id);
  if (!txn) throw new QuickBooksUserError(status(3120, `Object "${id}" specified in the request cannot be found.`));
  orThrow(store.deleteTxn(txn.kind, id));
}

/** Lowers an invoice's balance by `amount` (AMTTYPE) without a ReceivePayment transaction. */
export function userReceivePayment(store: CompanyStore, txnId: string, amount: string, touchInvoice: boolean): void {
  const t = store.txns.get(txnId);
  if (!t || t.kind !== 'Invoice') throw new QuickBooksUserError(status(3120, `Object "${txnId}" specified in the request cannot be found.`));
  t.appliedCents += toCents(amount);
  if (touchInvoice) store.touch(t);
  store.changed();
}
