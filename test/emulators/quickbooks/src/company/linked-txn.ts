import type { FieldObject, TxnLine, TxnRecord } from './company-data.type.js';
import { type CompanyStore, arr, obj, str } from './company-store.js';
import { formatCents, multiplyToCents, toCents } from './money.util.js';
import { type QbStatus, status } from './qb-status.js';
import type { QuickBooksVariants } from './variants.type.js';

/** What an InvoiceAdd pulls from estimates and sales orders: new line inputs and quantities to mark invoiced. */
export interface LinkPlan {
  readonly lines: FieldObject[];
  readonly pulls: readonly { readonly source: TxnRecord; readonly line: TxnLine; readonly quantity: number; readonly cents: number }[];
}

/** Quantity still to invoice on a source line (`Invoiced` is kept on estimate lines too, but not printed there). */
function remaining(line: TxnLine): number {
  if (str(line.fields['IsManuallyClosed']) === 'true') return 0;
  return Number(str(line.fields['Quantity']) ?? '1') - Number(str(line.fields['Invoiced']) ?? '0');
}

function pulledLine(source: TxnLine, quantity: number): { input: FieldObject; cents: number } {
  const { Invoiced: _i, IsManuallyClosed: _c, DataExtRet: _d, Amount: _a, Quantity: _q, ...rest } = source.fields;
  const rate = str(source.fields['Rate']);
  const cents = rate !== undefined ? multiplyToCents(String(quantity), rate) : toCents(str(source.fields['Amount']));
  return { input: { ...rest, Quantity: String(quantity), Amount: formatCents(cents) }, cents };
}

/**
 * Plans InvoiceAdd's LinkToTxnID (whole transactions) and InvoiceLineAdd/LinkToTxn (one line) per qbxml.md §4.9:
 * same TxnID in both forms → 3000; the same LinkToTxnID twice → 3177; nothing left to invoice → 3180. Pure
 * apart from reading the store.
 */
export function planInvoiceLinks(store: CompanyStore, variants: QuickBooksVariants, header: FieldObject, lineInputs: FieldObject[]): LinkPlan | QbStatus {
  const whole = arr(header['LinkToTxnID']).map((v) => str(v) ?? '');
  const lineLinked = lineInputs.map((l) => obj(l['LinkToTxn'])).filter((x): x is FieldObject => x !== undefined);
  if (whole.length === 0 && lineLinked.length === 0) return { lines: lineInputs, pulls: [] };
  const dup = whole.find((id, i) => whole.indexOf(id) !== i);
  if (dup !== undefined) return status(3177, `The transaction "${dup}" is linked more than once.`);
  const both = whole.find((id) => lineLinked.some((l) => str(l['TxnID']) === id));
  if (both !== undefined) return status(3000, `The given object ID "${both}" in the field "LinkToTxnID" is invalid.`);
  const pulls: { source: TxnRecord; line: TxnLine; quantity: number; cents: number }[] = [];
  const lines: FieldObject[] = [];
  for (const id of whole) {
    const source = store.txns.get(id);
    if (!source || !(source.kind === 'SalesOrder' || (source.kind === 'Estimate' && variants.invoiceLinksEstimate)))
      return status(3120, `Object "${id}" specified in the request cannot be found.`);
    for (const line of source.lines) {
      const q = remaining(line);
      if (q <= 0) continue;
      const p = pulledLine(line, q);
      lines.push(p.input);
      pulls.push({ source, line, quantity: q, cents: p.cents });
    }
  }
  for (const input of lineInputs) {
    const link = obj(input['LinkToTxn']);
    if (!link) {
      lines.push(input);
      continue;
    }
    const source = store.txns.get(str(link['TxnID']) ?? '');
    // Line links must target a sales order ("estimates not currently supported") and carry no ItemRef (§4.9).
    if (!source || source.kind !== 'SalesOrder') return status(3120, `Object "${str(link['TxnID']) ?? ''}" specified in the request cannot be found.`);
    if (input['ItemRef'] !== undefined) return status(3140, 'A line linked to another transaction cannot carry an ItemRef.');
    const line = source.lines.find((l) => l.TxnLineID === str(link['TxnLineID']));
    if (!line) return status(3120, `Object "${str(link['TxnLineID']) ?? ''}" specified in the request cannot be found.`);
    const q = Math.min(remaining(line), Number(str(input['Quantity']) ?? remaining(line)));
    if (q <= 0) continue;
    const p = pulledLine(line, q);
    const { LinkToTxn: _l, Quantity: _q, Amount: _a, ...own } = input;
    lines.push({ ...p.input, ...own });
    pulls.push({ source, line, quantity: q, cents: p.cents });
  }
  // The linked transactions are closed and nothing else is left: an empty transaction (3180, §4.9).
  if (lines.length === 0) return status(3180, 'There was an error when saving a Invoice. QuickBooks error message: You cannot save an empty transaction.');
  return { lines, pulls };
}

/** Marks the pulled quantities invoiced, records the links and touches each source (its Invoiced changed). */
export function commitInvoiceLinks(store: CompanyStore, invoice: TxnRecord, plan: LinkPlan): void {
  const bySource = new Map<TxnRecord, number>();
  for (const p of plan.pulls) {
    p.line.fields['Invoiced'] = String(Number(str(p.line.fields['Invoiced']) ?? '0') + p.quantity);
    bySource.set(p.source, (bySource.get(p.source) ?? 0) + p.cents);
  }
  for (const [source, cents] of bySource) {
    store.links.push({ fromTxnId: source.TxnID, toTxnId: invoice.TxnID, amountCents: cents });
    store.touch(source);
  }
}

/** Whether every line of a sales order is invoiced (IsFullyInvoiced, §4.9). */
export function isFullyInvoiced(t: TxnRecord): boolean {
  return t.lines.length > 0 && t.lines.every((l) => remaining(l) <= 0 && str(l.fields['IsManuallyClosed']) !== 'true');
}

/** Payments by the TxnIDs they touch (invoice or credit memo), rebuilt when the store changes. */
const paymentIndex = new WeakMap<CompanyStore, { version: number; byTxn: Map<string, TxnRecord[]> }>();

function paymentsTouching(store: CompanyStore, txnId: string): TxnRecord[] {
  let idx = paymentIndex.get(store);
  if (!idx || idx.version !== store.version) {
    const byTxn = new Map<string, TxnRecord[]>();
    const note = (id: string, p: TxnRecord): void => {
      const list = byTxn.get(id) ?? [];
      if (!list.includes(p)) list.push(p);
      byTxn.set(id, list);
    };
    for (const p of store.txns.values()) {
      if (p.kind !== 'ReceivePayment') continue;
      for (const a of arr(p.fields['AppliedToTxnRet']).map((x) => obj(x) ?? {})) {
        note(str(a['TxnID']) ?? '', p);
        for (const c of arr(a['SetCredit']).map((x) => obj(x) ?? {})) note(str(c['CreditTxnID']) ?? '', p);
      }
    }
    idx = { version: store.version, byTxn };
    paymentIndex.set(store, idx);
  }
  return idx.byTxn.get(txnId) ?? [];
}

/**
 * The LinkedTxn list of a transaction (only with IncludeLinkedTxns, §4.9): QUANTYPE links between estimates /
 * sales orders and invoices, AMTTYPE links to the payments and credits applied. A payment or credit seen from
 * the invoice carries a negative Amount (pattern in §4.6/§4.8, unconfirmed); quantity links are printed positive.
 */
export function linkedTxns(store: CompanyStore, t: TxnRecord): FieldObject[] {
  const out: FieldObject[] = [];
  const head = (o: TxnRecord): FieldObject => ({
    TxnID: o.TxnID,
    TxnType: o.kind,
    TxnDate: str(o.fields['TxnDate']) ?? '',
    ...(str(o.fields['RefNumber']) ? { RefNumber: str(o.fields['RefNumber']) ?? '' } : {}),
  });
  for (const l of store.links) {
    const other = l.toTxnId === t.TxnID ? store.txns.get(l.fromTxnId) : l.fromTxnId === t.TxnID ? store.txns.get(l.toTxnId) : undefined;
    if (other) out.push({ ...head(other), LinkType: 'QUANTYPE', Amount: formatCents(l.amountCents) });
  }
  if (t.kind !== 'Invoice' && t.kind !== 'CreditMemo') return out;
  for (const p of paymentsTouching(store, t.TxnID)) {
    for (const a of arr(p.fields['AppliedToTxnRet']).map((x) => obj(x) ?? {})) {
      if (t.kind === 'Invoice' && str(a['TxnID']) === t.TxnID) {
        out.push({ ...head(p), LinkType: 'AMTTYPE', Amount: formatCents(-toCents(str(a['Amount']))) });
        for (const c of arr(a['SetCredit']).map((x) => obj(x) ?? {})) {
          const memo = store.txns.get(str(c['CreditTxnID']) ?? '');
          if (memo) out.push({ ...head(memo), LinkType: 'AMTTYPE', Amount: formatCents(-toCents(str(c['AppliedAmount']))) });
        }
      }
      if (t.kind === 'CreditMemo') {
        for (const c of arr(a['SetCredit']).map((x) => obj(x) ?? {})) {
          const inv = store.txns.get(str(a['TxnID']) ?? '');
          if (str(c['CreditTxnID']) === t.TxnID && inv) out.push({ ...head(inv), LinkType: 'AMTTYPE', Amount: formatCents(-toCents(str(c['AppliedAmount']))) });
        }
      }
    }
  }
  return out;
}
