import type { XmlElement } from '../xml/xml-element.type.js';
import { formatQbDateTime } from '../time/local-time.js';
import type { FieldObject, TxnRecord } from './company-data.type.js';
import { type CompanyStore, obj, str } from './company-store.js';
import type { DataExtOps } from './dataext.js';
import { commitInvoiceLinks, planInvoiceLinks } from './linked-txn.js';
import type { PaymentOps } from './payments.js';
import { type QbStatus, STATUS_OK, status } from './qb-status.js';
import type { RequestOutcome } from './request-executor.js';
import type { RetOptions } from './ret-writer.js';
import type { QuickBooksVariants } from './variants.type.js';

const child = (el: XmlElement | undefined, name: string): XmlElement | undefined => el?.children.find((c) => c.name === name);
const text = (el: XmlElement | undefined, name: string): string | undefined => child(el, name)?.text;

export interface ExtraDeps {
  readonly store: CompanyStore;
  readonly dataExt: DataExtOps;
  readonly payments: PaymentOps;
  readonly variants: () => QuickBooksVariants;
  readonly toFields: (el: XmlElement) => FieldObject;
  readonly txnRet: (t: TxnRecord, opts: RetOptions) => FieldObject;
  readonly filter: (ret: FieldObject, opts: RetOptions) => FieldObject;
}

/**
 * The requests of qbxml.md §4.6–§4.10 and §5.7 that the generic executor does not cover: DataExt and its
 * definitions, ReceivePaymentAdd, TxnVoid, and InvoiceAdd with LinkToTxnID / LinkToTxn. Returns undefined for
 * anything else.
 */
export function executeExtra(deps: ExtraDeps, rq: XmlElement): RequestOutcome | undefined {
  const opts: RetOptions = {
    includeLineItems: true,
    includeRetElements: rq.children.filter((c) => c.name === 'IncludeRetElement').map((c) => c.text),
    ownerIds: [],
  };
  const txnOutcome = (r: { status: QbStatus; txn?: TxnRecord }): RequestOutcome =>
    r.txn ? { status: r.status, rets: [{ name: `${r.txn.kind}Ret`, fields: deps.filter(deps.txnRet(r.txn, opts), opts) }] } : { status: r.status, rets: [] };
  switch (rq.name) {
    case 'DataExtDefQueryRq':
      return deps.dataExt.defQuery(rq);
    case 'DataExtDefAddRq':
      return deps.dataExt.defAdd(child(rq, 'DataExtDefAdd') ?? rq);
    case 'DataExtAddRq':
      return deps.dataExt.write('Add', child(rq, 'DataExtAdd') ?? rq);
    case 'DataExtModRq':
      return deps.dataExt.write('Mod', child(rq, 'DataExtMod') ?? rq);
    case 'DataExtDelRq':
      return deps.dataExt.write('Del', child(rq, 'DataExtDel') ?? rq);
    case 'ReceivePaymentAddRq':
      return txnOutcome(deps.payments.add(deps.toFields(child(rq, 'ReceivePaymentAdd') ?? rq)));
    case 'TxnVoidRq':
      return voidTxn(deps.store, text(rq, 'TxnVoidType') ?? '', text(rq, 'TxnID') ?? '');
    case 'InvoiceAddRq': {
      const body = child(rq, 'InvoiceAdd');
      const linked = body?.children.some((c) => c.name === 'LinkToTxnID' || (c.name === 'InvoiceLineAdd' && child(c, 'LinkToTxn')));
      if (!body || !linked) return undefined;
      return txnOutcome(addLinkedInvoice(deps, deps.toFields(body)));
    }
    default:
      return undefined;
  }
}

/** InvoiceAdd that pulls lines from sales orders / estimates and records the QUANTYPE links (qbxml.md §4.9). */
export function addLinkedInvoice(deps: Pick<ExtraDeps, 'store' | 'variants'>, fields: FieldObject): { status: QbStatus; txn?: TxnRecord } {
  const { InvoiceLineAdd: lineValues, InvoiceLineGroupAdd: _g, LinkToTxnID: links, ...header } = fields;
  const lines = (Array.isArray(lineValues) ? lineValues : lineValues === undefined ? [] : [lineValues]).map((v) => obj(v) ?? {});
  const plan = planInvoiceLinks(deps.store, deps.variants(), links === undefined ? {} : { LinkToTxnID: links }, lines);
  if ('code' in plan) return { status: plan };
  const r = deps.store.addTxn('Invoice', header, plan.lines, 'Invoice', true);
  if (!r.txn) return { status: r.status };
  commitInvoiceLinks(deps.store, r.txn, plan);
  return { status: STATUS_OK, txn: r.txn };
}

/**
 * TxnVoid zeroes a transaction and keeps it (a modification, so it stays in queries and never shows in
 * TxnDeletedQuery, qbxml.md §5.7). Its exact look afterwards is unconfirmed: here every line amount becomes 0.00
 * and the memo gets the UI's "VOID:" prefix.
 */
function voidTxn(store: CompanyStore, type: string, txnId: string): RequestOutcome {
  const txn = store.txns.get(txnId);
  if (!txn || txn.kind !== type) return { status: status(3120, `Object "${txnId}" specified in the request cannot be found.`), rets: [] };
  for (const l of txn.lines) {
    l.fields['Amount'] = '0.00';
    if (l.fields['Quantity'] !== undefined) l.fields['Quantity'] = '0';
  }
  const memo = str(txn.fields['Memo']) ?? '';
  if (!memo.startsWith('VOID:')) txn.fields['Memo'] = `VOID:${memo ? ` ${memo}` : ''}`;
  store.touch(txn);
  const zone = store.zone;
  const fields: FieldObject = {
    TxnVoidType: type,
    TxnID: txnId,
    TimeCreated: formatQbDateTime(txn.timeCreated, zone),
    TimeModified: formatQbDateTime(txn.timeModified, zone),
  };
  const ref = str(txn.fields['RefNumber']);
  if (ref) fields['RefNumber'] = ref;
  return { status: STATUS_OK, rets: [{ name: '#TxnVoid', fields }] };
}
