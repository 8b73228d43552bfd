import type { CompanyClock } from '../time/company-clock.js';
import type { AuxListEntry, DataExtDef, DeletedRecord, FieldObject, ListKind, ListRecord, TxnKind, TxnLink, TxnRecord } from './company-data.type.js';
import { ITEM_KINDS } from './company-data.type.js';
import { type Family, familyOf, obj, str } from './field-access.js';
import { addListRecord, deleteListRecord, modListRecord } from './list-writes.js';
import { ListNameBuckets } from './list-name-buckets.js';
import type { QbStatus } from './qb-status.js';
import { allocateLineId, allocateListId, allocateTxnIds, bumpModified } from './record-ids.js';
import { resolveRef, resolveRefs } from './ref-resolution.js';
import { txnTotals } from './txn-lines.js';
import { addTxnRecord, deleteTxnRecord, modTxnRecord } from './txn-writes.js';

export { type Family, arr, familyOf, obj, str } from './field-access.js';

export type WriteResult =
  | { readonly status: QbStatus; readonly list: ListRecord; readonly txn?: undefined }
  | { readonly status: QbStatus; readonly txn: TxnRecord; readonly list?: undefined }
  | { readonly status: QbStatus; readonly list?: undefined; readonly txn?: undefined };

/** In-memory company data and the business rules of writes (names, references, EditSequence). */
export class CompanyStore {
  readonly lists = new Map<string, ListRecord>();
  readonly txns = new Map<string, TxnRecord>();
  readonly deleted: DeletedRecord[] = [];
  dataExtDefs: DataExtDef[] = [];
  links: TxnLink[] = [];
  /** Bumped by every change; derived indexes elsewhere compare it to know when to rebuild. */
  version = 0;
  /** Called before a transaction is deleted (a deleted payment re-opens its invoices, qbxml.md §5.6 step 2). */
  onTxnDeleted: (txn: TxnRecord) => void = () => undefined;
  auxLists: Record<string, AuxListEntry[]> = {};
  counters = { list: 0x80000000, txn: 0x10, txnNumber: 0, refNumber: 1000 };
  private nameIndex: Map<string, ListRecord> | null = null;
  private nameBuckets: ListNameBuckets | null = null;
  private balanceCache: Map<string, number> | null = null;

  constructor(
    private readonly clock: CompanyClock,
    readonly zone: string,
  ) {}

  /** Invalidates derived indexes after any change. */
  changed(): void {
    this.version += 1;
    this.nameIndex = null;
    this.nameBuckets = null;
    this.balanceCache = null;
  }

  // ---- identity ----------------------------------------------------------------------------------

  now(): number {
    return this.clock.now().getTime();
  }

  /** ListID = `<hex counter>-<unix seconds of creation>` (qbxml.md §2.2, §10 item 8). */
  nextListId(): string {
    return allocateListId(this);
  }

  /** A TxnID and the TxnLineIDs of its lines: lines take the next counter values (step 2, as recorded). */
  nextTxnIds(lineCount: number): { txnId: string; lineIds: string[] } {
    return allocateTxnIds(this, lineCount);
  }

  nextLineId(txn: TxnRecord): string {
    return allocateLineId(this, txn);
  }

  /** Marks a record modified now: EditSequence = unix seconds, strictly increasing (qbxml.md §10 items 9, 11). */
  touch(rec: { timeModified: number; editSequence: number }): void {
    bumpModified(rec, this.clock.now().getTime());
    this.changed();
  }

  // ---- names -------------------------------------------------------------------------------------

  listsOf(family: Family): ListRecord[] {
    return [...this.lists.values()].filter((r) => familyOf(r.kind) === family);
  }

  parentOf(rec: ListRecord): ListRecord | undefined {
    const id = str(obj(rec.fields['ParentRef'])?.['ListID']);
    return id === undefined ? undefined : this.lists.get(id);
  }

  fullName(rec: ListRecord): string {
    const parts: string[] = [];
    let cur: ListRecord | undefined = rec;
    for (let guard = 0; cur && guard < 10; guard++) {
      parts.unshift(str(cur.fields['Name']) ?? '');
      cur = this.parentOf(cur);
    }
    return parts.join(':');
  }

  sublevel(rec: ListRecord): number {
    let n = 0;
    for (let cur = this.parentOf(rec); cur && n < 10; cur = this.parentOf(cur)) n++;
    return n;
  }

  private index(): Map<string, ListRecord> {
    if (!this.nameIndex) {
      this.nameIndex = new Map();
      for (const r of this.lists.values()) this.nameIndex.set(`${familyOf(r.kind)}|${this.fullName(r).toLowerCase()}`, r);
    }
    return this.nameIndex;
  }

  findByFullName(family: Family, fullName: string): ListRecord | undefined {
    return this.index().get(`${family}|${fullName.toLowerCase()}`);
  }

  findListById(family: Family, listId: string): ListRecord | undefined {
    const r = this.lists.get(listId);
    return r && familyOf(r.kind) === family ? r : undefined;
  }

  /**
   * Customers, vendors, employees and other names share one "entity" namespace, compared case-insensitively;
   * a job only collides with its siblings (qbxml.md §6, §10 item 13). Items collide on FullName across all
   * item types (§10 item 14).
   */
  nameTaken(family: Family, name: string, parentId: string | undefined, exceptId: string | undefined): boolean {
    const lower = name.toLowerCase();
    const sameParent = (r: ListRecord): boolean => str(obj(r.fields['ParentRef'])?.['ListID']) === parentId;
    this.nameBuckets ??= ListNameBuckets.of(this.lists.values());
    for (const r of this.nameBuckets.named(lower)) {
      if (r.ListID === exceptId) continue;
      const f = familyOf(r.kind);
      if (family === 'Item') {
        if (f === 'Item' && sameParent(r)) return true;
      } else if (parentId !== undefined) {
        if (f === 'Customer' && sameParent(r)) return true;
      } else if ((f === 'Customer' && !r.fields['ParentRef']) || f === 'Vendor') {
        return true;
      }
    }
    if (family !== 'Item' && parentId === undefined) {
      for (const list of ['Employee', 'OtherName']) {
        if ((this.auxLists[list] ?? []).some((e) => e.FullName.toLowerCase() === lower)) return true;
      }
    }
    return false;
  }

  // ---- references --------------------------------------------------------------------------------

  /** Resolves a `…Ref` to `{ ListID, FullName }` or returns the 3140 status (qbxml.md §10 item 16). */
  resolveRef(refName: string, ref: FieldObject, ownFamily: Family | null, objectName: string): { ref: FieldObject } | { status: QbStatus } {
    return resolveRef(this, refName, ref, ownFamily, objectName);
  }

  /** Resolves every `…Ref` in a field tree (recursively); returns the first 3140. */
  resolveRefs(fields: FieldObject, ownFamily: Family | null, objectName: string): { fields: FieldObject } | { status: QbStatus } {
    return resolveRefs(this, fields, ownFamily, objectName);
  }

  // ---- list writes -------------------------------------------------------------------------------

  addList(kind: ListKind, input: FieldObject, objectName: string): WriteResult {
    return addListRecord(this, kind, input, objectName, (rec) => this.insertList(rec));
  }

  /** Stores a new list record. */
  private insertList(rec: ListRecord): void {
    const buckets = this.nameBuckets;
    this.lists.set(rec.ListID, rec);
    this.changed();
    // Adding a record renames no other, so the name buckets stay right with it added; rebuilding them after every
    // add would make a generated company of n records cost O(n²).
    if (buckets) {
      buckets.add(rec);
      this.nameBuckets = buckets;
    }
  }

  /** Applies a Mod (ListID + EditSequence first) with 3120/3200/3100/3140 checks (qbxml.md §6, §10 item 12). */
  modList(kinds: readonly ListKind[], input: FieldObject, objectName: string): WriteResult {
    return modListRecord(this, kinds, input, objectName);
  }

  deleteList(kind: ListKind, listId: string): WriteResult & { deleted?: DeletedRecord } {
    return deleteListRecord(this, kind, listId);
  }

  // ---- transactions ------------------------------------------------------------------------------

  customerBalances(): Map<string, number> {
    if (!this.balanceCache) {
      const m = new Map<string, number>();
      for (const t of this.txns.values()) {
        if (t.kind !== 'Invoice') continue;
        const id = str(obj(t.fields['CustomerRef'])?.['ListID']);
        if (id !== undefined) m.set(id, (m.get(id) ?? 0) + this.totals(t).balanceCents);
      }
      this.balanceCache = m;
    }
    return this.balanceCache;
  }

  /** Subtotal, tax and balance in cents (qbxml.md §4.4, §10 item 26). */
  totals(t: TxnRecord): { subtotalCents: number; taxCents: number; taxPercent: string; balanceCents: number } {
    return txnTotals(this, t);
  }

  auxRef(list: string, fullName: string): FieldObject | undefined {
    const e = (this.auxLists[list] ?? []).find((x) => x.FullName === fullName);
    return e ? { ListID: e.ListID, FullName: e.FullName } : undefined;
  }

  addTxn(kind: TxnKind, header: FieldObject, lineInputs: FieldObject[], objectName: string, isUsingEstimates: boolean): WriteResult {
    return addTxnRecord(this, kind, header, lineInputs, objectName, isUsingEstimates);
  }

  /** TxnMod: header fields replace; when any line Mod is sent, the sent lines become the line list
   *  (`TxnLineID` -1 adds a line; omitted lines are removed — the SDK's documented Mod line semantics). */
  modTxn(kind: TxnKind, header: FieldObject, lineMods: FieldObject[] | null, objectName: string): WriteResult {
    return modTxnRecord(this, kind, header, lineMods, objectName);
  }

  deleteTxn(kind: TxnKind, txnId: string): WriteResult & { deleted?: DeletedRecord } {
    return deleteTxnRecord(this, kind, txnId);
  }
}

export { ITEM_KINDS };
