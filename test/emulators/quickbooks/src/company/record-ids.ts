/** ListID / TxnID / TxnLineID allocation from the company's counters, and the TimeModified/EditSequence bump of a write. */
import type { TxnRecord } from './company-data.type.js';

/** The counters IDs and numbers are drawn from (saved with the company file). */
interface IdCounters {
  list: number;
  txn: number;
  txnNumber: number;
  refNumber: number;
}

/** What allocation reads: the counters and the company clock (ms). */
interface IdSource {
  readonly counters: IdCounters;
  now(): number;
}

function seconds(src: IdSource): number {
  return Math.floor(src.now() / 1000);
}

/** ListID = `<hex counter>-<unix seconds of creation>` (qbxml.md §2.2, §10 item 8). */
export function allocateListId(src: IdSource): string {
  src.counters.list += 1;
  return `${src.counters.list.toString(16).toUpperCase()}-${seconds(src)}`;
}

/** A TxnID and the TxnLineIDs of its lines: lines take the next counter values (step 2, as recorded). */
export function allocateTxnIds(src: IdSource, lineCount: number): { txnId: string; lineIds: string[] } {
  const secs = seconds(src);
  const next = (): string => {
    src.counters.txn += 2;
    return `${src.counters.txn.toString(16).toUpperCase()}-${secs}`;
  };
  const txnId = next();
  return { txnId, lineIds: Array.from({ length: lineCount }, next) };
}

/** A TxnLineID for a line added to an existing transaction (keeps the transaction's seconds). */
export function allocateLineId(src: IdSource, txn: TxnRecord): string {
  src.counters.txn += 2;
  return `${src.counters.txn.toString(16).toUpperCase()}-${txn.TxnID.split('-')[1] ?? seconds(src)}`;
}

/** Marks a record modified at `now`: EditSequence = unix seconds, strictly increasing (qbxml.md §10 items 9, 11). */
export function bumpModified(rec: { timeModified: number; editSequence: number }, now: number): void {
  rec.timeModified = Math.max(now, rec.timeModified);
  rec.editSequence = Math.max(Math.floor(now / 1000), rec.editSequence + 1);
}
