/** Read-only views of a company's records for tests and tools: a record's full Ret, and counts / IDs by kind. */
import type { FieldObject, ListKind, TxnKind } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';
import { FULL_RET, type RetWriter } from './ret-writer.js';

/** The Ret (all fields, lines included) of a record by ListID/TxnID, or undefined. */
export function retOf(store: CompanyStore, writer: RetWriter, id: string): FieldObject | undefined {
  const rec = store.lists.get(id);
  if (rec) return writer.listRet(rec);
  const txn = store.txns.get(id);
  return txn ? writer.txnRet(txn, FULL_RET) : undefined;
}

/** Number of records of a kind (lists, transactions). */
export function countOf(store: CompanyStore, kind: ListKind | TxnKind): number {
  let n = 0;
  for (const r of store.lists.values()) if (r.kind === kind) n++;
  for (const t of store.txns.values()) if (t.kind === kind) n++;
  return n;
}

/** IDs of all records of a kind, in creation order. */
export function idsOf(store: CompanyStore, kind: ListKind | TxnKind): string[] {
  const lists = [...store.lists.values()].filter((r) => r.kind === kind).map((r) => r.ListID);
  const txns = [...store.txns.values()].filter((t) => t.kind === kind).map((t) => t.TxnID);
  return [...lists, ...txns];
}
