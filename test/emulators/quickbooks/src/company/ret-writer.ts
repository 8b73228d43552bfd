import type { create } from 'xmlbuilder2';
import type { SchemaModel, TypeRef } from '../schema/schema-model.type.js';
import { formatQbDateTime } from '../time/local-time.js';
import type { FieldObject, FieldValue, ListRecord, TxnRecord } from './company-data.type.js';
import { type CompanyStore, arr, familyOf, obj, str } from './company-store.js';
import { filterDataExt } from './dataext.js';
import { descendantBalances } from './descendant-balances.util.js';
import { isFullyInvoiced, linkedTxns } from './linked-txn.js';
import { formatCents, toCents } from './money.util.js';

export type XmlNode = ReturnType<typeof create>;

export interface RetOptions {
  readonly includeLineItems: boolean;
  readonly includeRetElements: readonly string[];
  readonly ownerIds: readonly string[];
  /** LinkedTxn only with IncludeLinkedTxns (qbxml.md §4.9). */
  readonly includeLinkedTxns?: boolean;
}

export const FULL_RET: RetOptions = { includeLineItems: true, includeRetElements: [], ownerIds: [] };

/** Composes the printed address block QuickBooks returns next to an address (qbxml.md §4 AddressBlock). */
function addressBlock(a: FieldObject | undefined): FieldObject | undefined {
  if (!a) return undefined;
  const lines: string[] = [];
  for (const k of ['Addr1', 'Addr2', 'Addr3', 'Addr4', 'Addr5']) {
    const v = str(a[k]);
    if (v) lines.push(v);
  }
  const city = [str(a['City']), [str(a['State']), str(a['PostalCode'])].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  if (city) lines.push(city);
  const country = str(a['Country']);
  if (country) lines.push(country);
  const block: FieldObject = {};
  lines.slice(0, 5).forEach((l, i) => (block[`Addr${i + 1}`] = l));
  return lines.length ? block : undefined;
}

/** PERCENTTYPE as QuickBooks prints it: at least two decimals, more when the rate has them (8.875). Pure. */
function formatPercent(p: string): string {
  const [whole = '0', frac = ''] = p.split('.');
  return `${Number(whole)}.${frac.replace(/0+$/, '').padEnd(2, '0')}`;
}

/** Builds Ret objects from records and writes them in XSD order (qbxml.md §10 items 7, 29). */
export class RetWriter {
  /** Balances of each customer's jobs, valid while the store's version is unchanged. */
  private descendants: { readonly version: number; readonly totals: Map<string, number> } | null = null;

  constructor(
    private readonly model: SchemaModel,
    private readonly store: CompanyStore,
  ) {}

  /** Refreshes `…Ref` FullNames from the current lists (renames propagate to references). */
  private refresh(v: FieldValue, key: string): FieldValue {
    if (Array.isArray(v)) return v.map((x) => this.refresh(x, key));
    const o = obj(v);
    if (!o) return v;
    if (key.endsWith('Ref')) {
      const rec = this.store.lists.get(str(o['ListID']) ?? '');
      return rec ? { ListID: rec.ListID, FullName: this.store.fullName(rec) } : o;
    }
    const out: FieldObject = {};
    for (const [k, x] of Object.entries(o)) out[k] = this.refresh(x, k);
    return out;
  }

  private refreshAll(fields: FieldObject): FieldObject {
    const out: FieldObject = {};
    for (const [k, v] of Object.entries(fields)) out[k] = this.refresh(v, k);
    return out;
  }

  private descendantTotals(balances: Map<string, number>): Map<string, number> {
    if (this.descendants?.version !== this.store.version) {
      const customers = [...this.store.lists.values()].filter((r) => r.kind === 'Customer');
      const totals = descendantBalances(customers.map((c) => ({ fullName: this.store.fullName(c), cents: balances.get(c.ListID) ?? 0 })));
      this.descendants = { version: this.store.version, totals };
    }
    return this.descendants.totals;
  }

  listRet(rec: ListRecord): FieldObject {
    const zone = this.store.zone;
    const ret: FieldObject = {
      ListID: rec.ListID,
      TimeCreated: formatQbDateTime(rec.timeCreated, zone),
      TimeModified: formatQbDateTime(rec.timeModified, zone),
      EditSequence: String(rec.editSequence),
      ...this.refreshAll(rec.fields),
    };
    if (familyOf(rec.kind) !== 'Vendor') {
      ret['FullName'] = this.store.fullName(rec);
      ret['Sublevel'] = String(this.store.sublevel(rec));
    }
    if (rec.kind === 'Customer') {
      const balances = this.store.customerBalances();
      const own = balances.get(rec.ListID) ?? 0;
      const total = own + (this.descendantTotals(balances).get(this.store.fullName(rec)) ?? 0);
      ret['Balance'] = formatCents(own);
      ret['TotalBalance'] = formatCents(total);
    }
    if (rec.kind === 'Vendor') ret['Balance'] = '0.00';
    if (rec.kind === 'ItemInventory') ret['QuantityOnHand'] ??= '0';
    const bill = addressBlock(obj(rec.fields['BillAddress']));
    if (bill) ret['BillAddressBlock'] = bill;
    const ship = addressBlock(obj(rec.fields['ShipAddress']));
    if (ship) ret['ShipAddressBlock'] = ship;
    const vaddr = addressBlock(obj(rec.fields['VendorAddress']));
    if (vaddr) ret['VendorAddressBlock'] = vaddr;
    return ret;
  }

  txnRet(t: TxnRecord, opts: RetOptions): FieldObject {
    const zone = this.store.zone;
    const { subtotalCents, taxCents, taxPercent, balanceCents } = this.store.totals(t);
    const ret: FieldObject = {
      TxnID: t.TxnID,
      TimeCreated: formatQbDateTime(t.timeCreated, zone),
      TimeModified: formatQbDateTime(t.timeModified, zone),
      EditSequence: String(t.editSequence),
      TxnNumber: String(t.TxnNumber),
      ...this.refreshAll(t.fields),
      Subtotal: formatCents(subtotalCents),
      SalesTaxPercentage: formatPercent(taxPercent),
      SalesTaxTotal: formatCents(taxCents),
    };
    const bill = addressBlock(obj(t.fields['BillAddress']));
    if (bill) ret['BillAddressBlock'] = bill;
    const ship = addressBlock(obj(t.fields['ShipAddress']));
    if (ship) ret['ShipAddressBlock'] = ship;
    if (t.kind === 'Invoice') {
      // No TotalAmount on InvoiceRet; AppliedAmount printed negative as QuickBooks shows payments (qbxml.md §4.4).
      ret['AppliedAmount'] = formatCents(-t.appliedCents);
      ret['BalanceRemaining'] = formatCents(balanceCents);
      ret['IsPaid'] = balanceCents <= 0 ? 'true' : 'false';
    } else if (t.kind === 'ReceivePayment') {
      return this.paymentRet(ret, t);
    } else {
      ret['TotalAmount'] = formatCents(subtotalCents + taxCents);
    }
    // CreditRemaining = credit still available (§4.8); IsFullyInvoiced = every line invoiced (§4.9).
    if (t.kind === 'CreditMemo') ret['CreditRemaining'] = formatCents(subtotalCents + taxCents - t.appliedCents);
    if (t.kind === 'SalesOrder') ret['IsFullyInvoiced'] = isFullyInvoiced(t) ? 'true' : 'false';
    if (opts.includeLinkedTxns) {
      const links = linkedTxns(this.store, t);
      if (links.length) ret['LinkedTxn'] = links;
    }
    if (opts.includeLineItems) {
      ret[`${t.kind}LineRet`] = t.lines.map((l) => {
        const line: FieldObject = { TxnLineID: l.TxnLineID, ...this.refreshAll(l.fields) };
        if (t.kind === 'SalesOrder') {
          line['Invoiced'] ??= '0';
          line['IsManuallyClosed'] ??= 'false';
        }
        return line;
      });
    }
    return ret;
  }

  /** ReceivePaymentRet: UnusedPayment and each AppliedToTxnRet with the invoice's balance now (§4.6; "now" is unconfirmed). */
  private paymentRet(ret: FieldObject, t: TxnRecord): FieldObject {
    const total = toCents(str(t.fields['TotalAmount']));
    ret['UnusedPayment'] = formatCents(total - t.appliedCents);
    ret['UnusedCredits'] = '0.00';
    ret['AppliedToTxnRet'] = arr(t.fields['AppliedToTxnRet']).map((a) => {
      const app = obj(a) ?? {};
      const inv = this.store.txns.get(str(app['TxnID']) ?? '');
      const out: FieldObject = { TxnID: str(app['TxnID']) ?? '', TxnType: str(app['TxnType']) ?? 'Invoice' };
      if (inv) {
        out['TxnDate'] = str(inv.fields['TxnDate']) ?? '';
        const ref = str(inv.fields['RefNumber']);
        if (ref) out['RefNumber'] = ref;
        out['BalanceRemaining'] = formatCents(this.store.totals(inv).balanceCents);
      }
      out['Amount'] = str(app['Amount']) ?? '0.00';
      return out;
    });
    return ret;
  }

  /** Applies IncludeRetElement and OwnerID (DataExtRet only for requested owners; qbxml.md §10 item 20). */
  filter(ret: FieldObject, opts: RetOptions): FieldObject {
    const out: FieldObject = {};
    for (const [k, v] of Object.entries(filterDataExt(ret, opts.ownerIds))) {
      if (opts.includeRetElements.length && !opts.includeRetElements.includes(k)) continue;
      out[k] = v;
    }
    return out;
  }

  /** Writes `value` as element `name` of type `type`, children in XSD order, unknown fields dropped. */
  write(parent: XmlNode, name: string, type: TypeRef, value: FieldValue): void {
    for (const item of Array.isArray(value) ? value : [value]) {
      const el = parent.ele(name);
      const o = obj(item);
      const def = type.startsWith('c:') ? this.model.complex[type.slice(2)] : undefined;
      if (o && def) {
        for (const child of def.order) {
          const v = o[child];
          const t = def.children[child];
          if (v !== undefined && t !== undefined) this.write(el, child, t, v);
        }
      } else if (typeof item === 'string') {
        // xmlbuilder2 4.x leaves entity-looking text ("&amp;", "&#60;") unescaped; QuickBooks escapes every &.
        el.txt(item.replaceAll('&', '&amp;'));
      }
    }
  }

  retType(retName: string): TypeRef {
    const t = this.model.rets[retName];
    if (t === undefined) throw new Error(`no model for ${retName}`);
    return t;
  }
}
