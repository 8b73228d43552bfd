/** Transaction line math: building a line (Amount = Quantity × Rate, default tax code), applying line Mods, and totals. */
import type { FieldObject, TxnLine, TxnRecord } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';
import { obj, str } from './field-access.js';
import { formatCents, multiplyToCents, percentOfCents, toCents } from './money.util.js';
import { type QbStatus, status } from './qb-status.js';

/** A line as stored: Amount and Rate normalised, SalesTaxCodeRef defaulted from the item. */
export function buildTxnLine(store: CompanyStore, input: FieldObject, id: string): TxnLine {
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
    const item = store.lists.get(itemId);
    const code = obj(item?.fields['SalesTaxCodeRef']);
    fields['SalesTaxCodeRef'] = code ?? store.auxRef('SalesTaxCode', 'Non') ?? { FullName: 'Non' };
  }
  return { TxnLineID: id, fields };
}

/** The line list after a TxnMod's line Mods (`TxnLineID` -1 adds a line; lines not sent are dropped), or the first error. */
export function modifiedLines(store: CompanyStore, txn: TxnRecord, lineMods: FieldObject[], objectName: string): TxnLine[] | { status: QbStatus } {
  const newLines: TxnLine[] = [];
  for (const lm of lineMods) {
    const r = store.resolveRefs(lm, null, objectName);
    if ('status' in r) return r;
    const lineId = str(lm['TxnLineID']) ?? '-1';
    const existing = txn.lines.find((l) => l.TxnLineID === lineId);
    if (lineId !== '-1' && !existing) return { status: status(3120, `Object "${lineId}" specified in the request cannot be found.`) };
    const merged: FieldObject = existing ? { ...existing.fields, ...r.fields } : r.fields;
    if (existing && (r.fields['Quantity'] !== undefined || r.fields['Rate'] !== undefined) && r.fields['Amount'] === undefined) delete merged['Amount'];
    newLines.push(buildTxnLine(store, merged, existing ? existing.TxnLineID : store.nextLineId(txn)));
  }
  return newLines;
}

/** Subtotal, tax and balance in cents (qbxml.md §4.4, §10 item 26). */
export function txnTotals(store: CompanyStore, t: TxnRecord): { subtotalCents: number; taxCents: number; taxPercent: string; balanceCents: number } {
  let subtotalCents = 0;
  let taxable = 0;
  for (const l of t.lines) {
    const a = toCents(str(l.fields['Amount']));
    subtotalCents += a;
    if ((str(obj(l.fields['SalesTaxCodeRef'])?.['FullName']) ?? '').toLowerCase() === 'tax') taxable += a;
  }
  const taxItemId = str(obj(t.fields['ItemSalesTaxRef'])?.['ListID']);
  const taxPercent = (store.auxLists['ItemSalesTax'] ?? []).find((e) => e.ListID === taxItemId)?.rate ?? '0.00';
  // The rate keeps all its decimals (8.875 %); only the tax amount is rounded, half-up to the cent.
  const taxCents = percentOfCents(taxable, taxPercent);
  return { subtotalCents, taxCents, taxPercent, balanceCents: subtotalCents + taxCents - t.appliedCents };
}
