import type { CompanyClock } from '../time/company-clock.js';
import { formatQbDate } from '../time/local-time.js';
import type {
  AuxListEntry,
  DataExtDef,
  DeletedRecord,
  FieldObject,
  FieldValue,
  ListKind,
  ListRecord,
  TxnKind,
  TxnLine,
  TxnLink,
  TxnRecord,
} from './company-data.type.js';
import { ITEM_KINDS } from './company-data.type.js';
import { ListNameBuckets } from './list-name-buckets.js';
import { formatCents, multiplyToCents, percentOfCents, toCents } from './money.util.js';
import { type QbStatus, STATUS_OK, status } from './qb-status.js';
import { TEMPLATE_OF, TYPE_LABEL, refTarget } from './ref-target.js';

export type Family = 'Customer' | 'Vendor' | 'Item';

export type WriteResult =
  | { readonly status: QbStatus; readonly list: ListRecord; readonly txn?: undefined }
  | { readonly status: QbStatus; readonly txn: TxnRecord; readonly list?: undefined }
  | { readonly status: QbStatus; readonly list?: undefined; readonly txn?: undefined };

export function familyOf(kind: ListKind): Family {
  return kind === 'Customer' ? 'Customer' : kind === 'Vendor' ? 'Vendor' : 'Item';
}

export function str(v: FieldValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function obj(v: FieldValue | undefined): FieldObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

export function arr(v: FieldValue | undefined): FieldValue[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

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

  private seconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  /** ListID = `<hex counter>-<unix seconds of creation>` (qbxml.md §2.2, §10 item 8). */
  nextListId(): string {
    this.counters.list += 1;
    return `${this.counters.list.toString(16).toUpperCase()}-${this.seconds()}`;
  }

  /** A TxnID and the TxnLineIDs of its lines: lines take the next counter values (step 2, as recorded). */
  nextTxnIds(lineCount: number): { txnId: string; lineIds: string[] } {
    const secs = this.seconds();
    const next = (): string => {
      this.counters.txn += 2;
      return `${this.counters.txn.toString(16).toUpperCase()}-${secs}`;
    };
    const txnId = next();
    return { txnId, lineIds: Array.from({ length: lineCount }, next) };
  }

  nextLineId(txn: TxnRecord): string {
    this.counters.txn += 2;
    return `${this.counters.txn.toString(16).toUpperCase()}-${txn.TxnID.split('-')[1] ?? this.seconds()}`;
  }

  /** Marks a record modified now: EditSequence = unix seconds, strictly increasing (qbxml.md §10 items 9, 11). */
  touch(rec: { timeModified: number; editSequence: number }): void {
    const now = this.clock.now().getTime();
    rec.timeModified = Math.max(now, rec.timeModified);
    rec.editSequence = Math.max(Math.floor(now / 1000), rec.editSequence + 1);
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
    const target = refTarget(refName, ownFamily);
    const listId = str(ref['ListID']);
    const fullName = str(ref['FullName']);
    if (target === 'Customer' || target === 'Vendor' || target === 'Item') {
      const rec = listId !== undefined ? this.findListById(target, listId) : fullName !== undefined ? this.findByFullName(target, fullName) : undefined;
      if (rec) return { ref: { ListID: rec.ListID, FullName: this.fullName(rec) } };
    } else {
      const entries = this.auxLists[target] ?? [];
      const e = entries.find((x) => (listId !== undefined ? x.ListID === listId : x.FullName.toLowerCase() === (fullName ?? '').toLowerCase()));
      if (e) return { ref: { ListID: e.ListID, FullName: e.FullName } };
    }
    const label = TYPE_LABEL[target] ?? target;
    return {
      status: status(
        3140,
        `There is an invalid reference to QuickBooks ${label} "${fullName ?? listId ?? ''}" in the ${objectName}.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`,
      ),
    };
  }

  /** Resolves every `…Ref` in a field tree (recursively); returns the first 3140. */
  resolveRefs(fields: FieldObject, ownFamily: Family | null, objectName: string): { fields: FieldObject } | { status: QbStatus } {
    const out: FieldObject = {};
    for (const [k, v] of Object.entries(fields)) {
      if (Array.isArray(v)) {
        const items: FieldValue[] = [];
        for (const item of v) {
          const o = obj(item);
          if (!o) {
            items.push(item);
            continue;
          }
          const r = k.endsWith('Ref') ? this.resolveRef(k, o, ownFamily, objectName) : this.resolveRefs(o, ownFamily, objectName);
          if ('status' in r) return r;
          items.push('ref' in r ? r.ref : r.fields);
        }
        out[k] = items;
        continue;
      }
      const o = obj(v);
      if (!o) {
        out[k] = v;
        continue;
      }
      const r = k.endsWith('Ref') ? this.resolveRef(k, o, ownFamily, objectName) : this.resolveRefs(o, ownFamily, objectName);
      if ('status' in r) return r;
      out[k] = 'ref' in r ? r.ref : r.fields;
    }
    return { fields: out };
  }

  // ---- list writes -------------------------------------------------------------------------------

  addList(kind: ListKind, input: FieldObject, objectName: string): WriteResult {
    const family = familyOf(kind);
    const resolved = this.resolveRefs(input, family, objectName);
    if ('status' in resolved) return resolved;
    const fields = normaliseListFields(resolved.fields);
    const name = str(fields['Name']) ?? '';
    const parentId = str(obj(fields['ParentRef'])?.['ListID']);
    if (this.nameTaken(family, name, parentId, undefined)) {
      const parent = parentId === undefined ? undefined : this.lists.get(parentId);
      const full = parent ? `${this.fullName(parent)}:${name}` : name;
      return { status: status(3100, `The name "${full}" of the list element is already in use.`) };
    }
    if (fields['IsActive'] === undefined) fields['IsActive'] = 'true';
    if (kind === 'Customer' && fields['JobStatus'] === undefined) fields['JobStatus'] = 'None';
    const now = this.clock.now().getTime();
    const rec: ListRecord = { kind, ListID: this.nextListId(), timeCreated: now, timeModified: now, editSequence: Math.floor(now / 1000), fields };
    const buckets = this.nameBuckets;
    this.lists.set(rec.ListID, rec);
    this.changed();
    // Adding a record renames no other, so the name buckets stay right with it added; rebuilding them after every
    // add would make a generated company of n records cost O(n²).
    if (buckets) {
      buckets.add(rec);
      this.nameBuckets = buckets;
    }
    return { status: STATUS_OK, list: rec };
  }

  /** Applies a Mod (ListID + EditSequence first) with 3120/3200/3100/3140 checks (qbxml.md §6, §10 item 12). */
  modList(kinds: readonly ListKind[], input: FieldObject, objectName: string): WriteResult {
    const listId = str(input['ListID']) ?? '';
    const rec = this.lists.get(listId);
    if (!rec || !kinds.includes(rec.kind))
      return {
        status: status(
          3120,
          `Object "${listId}" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`,
        ),
      };
    const es = str(input['EditSequence']) ?? '';
    if (es !== String(rec.editSequence)) return { status: status(3200, `The provided edit sequence "${es}" is out-of-date. `), list: rec };
    const family = familyOf(rec.kind);
    const { ListID: _l, EditSequence: _e, ...changes } = input;
    const resolved = this.resolveRefs(changes, family, objectName);
    if ('status' in resolved) return resolved;
    const fields = normaliseListFields(resolved.fields);
    const newName = str(fields['Name']) || (str(rec.fields['Name']) ?? '');
    const newParent = fields['ParentRef'] !== undefined ? str(obj(fields['ParentRef'])?.['ListID']) : str(obj(rec.fields['ParentRef'])?.['ListID']);
    if (newParent !== undefined && this.isDescendantOrSelf(newParent, rec.ListID)) {
      return {
        status: status(
          3140,
          `There is an invalid reference to QuickBooks ${family} "${newParent}" in the ${objectName}.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`,
        ),
      };
    }
    if (this.nameTaken(family, newName, newParent, rec.ListID)) return { status: status(3100, `The name "${newName}" is already taken.`) };
    for (const [k, v] of Object.entries(fields)) {
      // A record cannot lose its name; what QuickBooks answers to an empty Name is unconfirmed, so it is kept.
      if (k === 'Name' && v === '') continue;
      const existing = obj(rec.fields[k]);
      const incoming = obj(v);
      // SalesOrPurchaseMod/SalesAndPurchaseMod change only the elements sent (normalised to the Ret names).
      const next = (k === 'SalesOrPurchase' || k === 'SalesAndPurchase') && existing && incoming ? { ...existing, ...incoming } : v;
      // An empty element clears the field (Intuit, "Modify, delete and void requests and responses": "send
      // null/empty qbXML elements for the properties to be cleared"); QuickBooks then omits it from the Ret.
      const kept = withoutEmpty(next);
      if (kept === undefined) delete rec.fields[k];
      else rec.fields[k] = kept;
    }
    this.touch(rec);
    return { status: STATUS_OK, list: rec };
  }

  private isDescendantOrSelf(candidateId: string, ancestorId: string): boolean {
    for (let cur = this.lists.get(candidateId), n = 0; cur && n < 10; cur = this.parentOf(cur), n++) if (cur.ListID === ancestorId) return true;
    return false;
  }

  deleteList(kind: ListKind, listId: string): WriteResult & { deleted?: DeletedRecord } {
    const rec = this.lists.get(listId);
    if (!rec || rec.kind !== kind) return { status: status(3120, `Object "${listId}" specified in the request cannot be found.`) };
    const hasChildren = [...this.lists.values()].some((r) => str(obj(r.fields['ParentRef'])?.['ListID']) === listId);
    const used = [...this.txns.values()].some(
      (t) => str(obj(t.fields['CustomerRef'])?.['ListID']) === listId || t.lines.some((l) => str(obj(l.fields['ItemRef'])?.['ListID']) === listId),
    );
    // QuickBooks refuses to delete a name that has transactions or sub-items (qbxml.md §5.4; code unconfirmed).
    if (hasChildren || used)
      return {
        status: status(
          3170,
          `There was an error when deleting a ${kind} list, element "${this.fullName(rec)}". QuickBooks error message: This object cannot be deleted because it is used.`,
        ),
      };
    const del: DeletedRecord = {
      type: kind,
      id: listId,
      isTxn: false,
      timeCreated: rec.timeCreated,
      timeDeleted: this.clock.now().getTime(),
      name: this.fullName(rec),
    };
    this.lists.delete(listId);
    this.deleted.push(del);
    this.changed();
    return { status: STATUS_OK, deleted: del };
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
    let subtotalCents = 0;
    let taxable = 0;
    for (const l of t.lines) {
      const a = toCents(str(l.fields['Amount']));
      subtotalCents += a;
      if ((str(obj(l.fields['SalesTaxCodeRef'])?.['FullName']) ?? '').toLowerCase() === 'tax') taxable += a;
    }
    const taxItemId = str(obj(t.fields['ItemSalesTaxRef'])?.['ListID']);
    const taxPercent = (this.auxLists['ItemSalesTax'] ?? []).find((e) => e.ListID === taxItemId)?.rate ?? '0.00';
    // The rate keeps all its decimals (8.875 %); only the tax amount is rounded, half-up to the cent.
    const taxCents = percentOfCents(taxable, taxPercent);
    return { subtotalCents, taxCents, taxPercent, balanceCents: subtotalCents + taxCents - t.appliedCents };
  }

  private buildLine(input: FieldObject, id: string): TxnLine {
    const fields: FieldObject = { ...input };
    delete fields['TxnLineID'];
    const qty = str(fields['Quantity']);
    const rate = str(fields['Rate']);
    // Amount = Quantity × Rate when not given (qbxml.md §10 item 27); a Rate without Quantity means 1.
    if (fields['Amount'] === undefined && rate !== undefined) fields['Amount'] = formatCents(multiplyToCents(qty ?? '1', rate));
    else if (fields['Amount'] !== undefined) fields['Amount'] = formatCents(toCents(str(fields['Amount'])));
    if (rate !== undefined) fields['Rate'] = formatCents(toCents(rate));
    const itemId = str(obj(fields['ItemRef'])?.['ListID']);
    if (fields['SalesTaxCodeRef'] === undefined && itemId !== undefined) {
      const item = this.lists.get(itemId);
      const code = obj(item?.fields['SalesTaxCodeRef']);
      fields['SalesTaxCodeRef'] = code ?? this.auxRef('SalesTaxCode', 'Non') ?? { FullName: 'Non' };
    }
    return { TxnLineID: id, fields };
  }

  auxRef(list: string, fullName: string): FieldObject | undefined {
    const e = (this.auxLists[list] ?? []).find((x) => x.FullName === fullName);
    return e ? { ListID: e.ListID, FullName: e.FullName } : undefined;
  }

  addTxn(kind: TxnKind, header: FieldObject, lineInputs: FieldObject[], objectName: string, isUsingEstimates: boolean): WriteResult {
    if (kind === 'Estimate' && !isUsingEstimates)
      return { status: status(3250, 'This feature is not enabled or not available in this version of QuickBooks.') };
    const h = this.resolveRefs(header, null, objectName);
    if ('status' in h) return h;
    const lines: FieldObject[] = [];
    for (const l of lineInputs) {
      const r = this.resolveRefs(l, null, objectName);
      if ('status' in r) return r;
      lines.push(r.fields);
    }
    const fields = h.fields;
    const customer = this.lists.get(str(obj(fields['CustomerRef'])?.['ListID']) ?? '');
    const now = this.clock.now().getTime();
    const today = formatQbDate(now, this.zone);
    fields['TxnDate'] ??= today;
    if (fields['RefNumber'] === undefined) fields['RefNumber'] = String(++this.counters.refNumber);
    if (kind === 'Invoice' || kind === 'CreditMemo' || kind === 'ReceivePayment')
      fields['ARAccountRef'] ??= this.auxRef('Account', 'Accounts Receivable') ?? { FullName: 'Accounts Receivable' };
    if (kind !== 'ReceivePayment') fields['TemplateRef'] ??= this.auxRef('Template', TEMPLATE_OF[kind]) ?? { FullName: 'Default' };
    if (fields['BillAddress'] === undefined && customer?.fields['BillAddress'] !== undefined) fields['BillAddress'] = customer.fields['BillAddress'];
    if (fields['ShipAddress'] === undefined && customer?.fields['ShipAddress'] !== undefined) fields['ShipAddress'] = customer.fields['ShipAddress'];
    fields['DueDate'] ??= str(fields['TxnDate']) ?? today;
    if (kind === 'Invoice' || kind === 'SalesReceipt' || kind === 'CreditMemo') {
      fields['IsPending'] ??= 'false';
      fields['IsFinanceCharge'] ??= 'false';
      fields['IsToBePrinted'] ??= 'true';
    } else if (kind === 'Estimate') {
      fields['IsActive'] ??= 'true';
    } else if (kind === 'SalesOrder') {
      fields['IsManuallyClosed'] ??= 'false';
      fields['IsToBePrinted'] ??= 'true';
    }
    // Omitted DepositToAccountRef = Undeposited Funds (qbxml.md §4.6, §4.7).
    if (kind === 'SalesReceipt' || kind === 'ReceivePayment')
      fields['DepositToAccountRef'] ??= this.auxRef('Account', 'Undeposited Funds') ?? { FullName: 'Undeposited Funds' };
    fields['IsToBeEmailed'] ??= 'false';
    const { txnId, lineIds } = this.nextTxnIds(lines.length);
    const txn: TxnRecord = {
      kind,
      TxnID: txnId,
      TxnNumber: ++this.counters.txnNumber,
      timeCreated: now,
      timeModified: now,
      editSequence: Math.floor(now / 1000),
      fields,
      lines: lines.map((l, i) => this.buildLine(l, lineIds[i] ?? this.nextTxnIds(0).txnId)),
      appliedCents: 0,
    };
    this.txns.set(txn.TxnID, txn);
    this.changed();
    return { status: STATUS_OK, txn };
  }

  /** TxnMod: header fields replace; when any line Mod is sent, the sent lines become the line list
   *  (`TxnLineID` -1 adds a line; omitted lines are removed — the SDK's documented Mod line semantics). */
  modTxn(kind: TxnKind, header: FieldObject, lineMods: FieldObject[] | null, objectName: string): WriteResult {
    const txnId = str(header['TxnID']) ?? '';
    const txn = this.txns.get(txnId);
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
    const h = this.resolveRefs(changes, null, objectName);
    if ('status' in h) return h;
    let newLines: TxnLine[] | null = null;
    if (lineMods) {
      newLines = [];
      for (const lm of lineMods) {
        const r = this.resolveRefs(lm, null, objectName);
        if ('status' in r) return r;
        const lineId = str(lm['TxnLineID']) ?? '-1';
        const existing = txn.lines.find((l) => l.TxnLineID === lineId);
        if (lineId !== '-1' && !existing) return { status: status(3120, `Object "${lineId}" specified in the request cannot be found.`) };
        const merged: FieldObject = existing ? { ...existing.fields, ...r.fields } : r.fields;
        if (existing && (r.fields['Quantity'] !== undefined || r.fields['Rate'] !== undefined) && r.fields['Amount'] === undefined) delete merged['Amount'];
        newLines.push(this.buildLine(merged, existing ? existing.TxnLineID : this.nextLineId(txn)));
      }
    }
    Object.assign(txn.fields, h.fields);
    if (newLines) txn.lines = newLines;
    this.touch(txn);
    return { status: STATUS_OK, txn };
  }

  deleteTxn(kind: TxnKind, txnId: string): WriteResult & { deleted?: DeletedRecord } {
    const txn = this.txns.get(txnId);
    if (!txn || txn.kind !== kind) return { status: status(3120, `Object "${txnId}" specified in the request cannot be found.`) };
    const del: DeletedRecord = {
      type: kind,
      id: txnId,
      isTxn: true,
      timeCreated: txn.timeCreated,
      timeDeleted: this.clock.now().getTime(),
      name: str(txn.fields['RefNumber']) ?? '',
    };
    this.onTxnDeleted(txn);
    this.txns.delete(txnId);
    this.deleted.push(del);
    this.changed();
    return { status: STATUS_OK, deleted: del };
  }
}

/**
 * A Mod value with its empty elements removed: '' (an empty element) is gone, an aggregate keeps only its
 * non-empty children and is gone when none is left (an address sent with every line empty). Pure.
 */
function withoutEmpty(v: FieldValue): FieldValue | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (Array.isArray(v)) {
    const items = v.map(withoutEmpty).filter((x): x is FieldValue => x !== undefined);
    return items.length === 0 ? undefined : items;
  }
  const out: FieldObject = {};
  for (const [k, x] of Object.entries(v)) {
    const kept = withoutEmpty(x);
    if (kept !== undefined) out[k] = kept;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Maps Add/Mod element names to the names the Ret uses (qbxml.md §4). */
function normaliseListFields(input: FieldObject): FieldObject {
  const out: FieldObject = {};
  for (const [k, v] of Object.entries(input)) {
    switch (k) {
      case 'Contacts':
      case 'ContactsMod':
        out['ContactsRet'] = v;
        break;
      case 'AdditionalNotes':
      case 'AdditionalNotesMod':
        out['AdditionalNotesRet'] = v;
        break;
      case 'BarCode': {
        const b = str(obj(v)?.['BarCodeValue']);
        if (b !== undefined) out['BarCodeValue'] = b;
        break;
      }
      case 'SalesOrPurchaseMod':
        out['SalesOrPurchase'] = v;
        break;
      case 'SalesAndPurchaseMod':
        out['SalesAndPurchase'] = v;
        break;
      case 'OpenBalance':
      case 'OpenBalanceDate':
      case 'ForceUOMChange':
      case 'TotalValue':
      case 'InventoryDate':
        break;
      default:
        out[k] = v;
    }
  }
  return out;
}

export { ITEM_KINDS };
