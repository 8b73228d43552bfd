import type { FieldObject, TxnRecord } from './company-data.type.js';
import { type CompanyStore, arr, obj, str } from './company-store.js';
import { formatCents, toCents } from './money.util.js';
import { type QbStatus, STATUS_OK, status } from './qb-status.js';
import type { QuickBooksVariants } from './variants.type.js';

/** One application of a payment: to an invoice, with an optional credit memo applied beside it (SetCredit). */
interface Application {
  readonly invoice: TxnRecord;
  readonly cents: number;
  readonly credits: readonly { readonly memo: TxnRecord; readonly cents: number }[];
}

const notFound = (id: string): QbStatus =>
  status(
    3120,
    `Object "${id}" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`,
  );

/** ReceivePayment: applying to invoices, credits, auto-apply and deletion (qbxml.md §4.6, §5.6). */
export class PaymentOps {
  constructor(
    private readonly store: CompanyStore,
    private readonly variants: () => QuickBooksVariants,
  ) {}

  /** ReceivePaymentAdd from its aggregate as a FieldObject; returns the new payment or the status. */
  add(input: FieldObject): { status: QbStatus; txn?: TxnRecord } {
    const { AppliedToTxnAdd: appliedRaw, IsAutoApply: autoRaw, ...header } = input;
    const resolved = this.store.resolveRefs(header, null, 'ReceivePayment');
    if ('status' in resolved) return { status: resolved.status };
    const customerId = str(obj(resolved.fields['CustomerRef'])?.['ListID']) ?? '';
    const totalGiven = str(header['TotalAmount']);
    let apps: Application[] | QbStatus;
    if (autoRaw !== undefined) apps = str(autoRaw) === 'true' || str(autoRaw) === '1' ? this.autoApply(customerId, toCents(totalGiven)) : [];
    else
      apps = this.explicit(
        customerId,
        arr(appliedRaw).map((a) => obj(a) ?? {}),
      );
    if ('code' in apps) return { status: apps };
    const appliedCents = apps.reduce((s, a) => s + a.cents, 0);
    const totalCents = totalGiven === undefined ? appliedCents : toCents(totalGiven);
    // Σ PaymentAmount above TotalAmount is an error (Conductor; code unconfirmed, 3210 used here).
    if (appliedCents > totalCents) return { status: status(3210, 'The total of the amounts applied is more than the payment amount.') };
    const r = this.store.addTxn('ReceivePayment', { ...resolved.fields, TotalAmount: formatCents(totalCents) }, [], 'ReceivePayment', true);
    if (!r.txn) return { status: r.status };
    const txn = r.txn;
    delete txn.fields['DueDate'];
    txn.appliedCents = appliedCents;
    txn.fields['AppliedToTxnRet'] = apps.map((a) => ({
      TxnID: a.invoice.TxnID,
      TxnType: 'Invoice',
      Amount: formatCents(a.cents),
      ...(a.credits.length ? { SetCredit: a.credits.map((c) => ({ CreditTxnID: c.memo.TxnID, AppliedAmount: formatCents(c.cents) })) } : {}),
    }));
    for (const a of apps) {
      a.invoice.appliedCents += a.cents;
      for (const c of a.credits) {
        a.invoice.appliedCents += c.cents;
        c.memo.appliedCents += c.cents;
      }
      this.invoiceChanged(a.invoice);
    }
    this.store.changed();
    return { status: STATUS_OK, txn };
  }

  /** Reverses a payment's applications before it is deleted: its invoices re-open (qbxml.md §5.6 step 2). */
  reverse(payment: TxnRecord): void {
    if (payment.kind !== 'ReceivePayment') return;
    for (const a of arr(payment.fields['AppliedToTxnRet'])) {
      const app = obj(a) ?? {};
      const inv = this.store.txns.get(str(app['TxnID']) ?? '');
      if (!inv) continue;
      inv.appliedCents -= toCents(str(app['Amount']));
      for (const c of arr(app['SetCredit'])) {
        const credit = obj(c) ?? {};
        const cents = toCents(str(credit['AppliedAmount']));
        inv.appliedCents -= cents;
        const memo = this.store.txns.get(str(credit['CreditTxnID']) ?? '');
        if (memo) memo.appliedCents -= cents;
      }
      this.invoiceChanged(inv);
    }
  }

  /** Applies the variant of qbxml.md §5.6 to an invoice whose balance a payment changed. */
  private invoiceChanged(inv: TxnRecord): void {
    const v = this.variants().paymentTouchesInvoice;
    if (v === 'modified') this.store.touch(inv);
    else if (v === 'findable') inv.filterModified = this.store.now();
    this.store.changed();
  }

  private openInvoices(customerId: string): TxnRecord[] {
    return [...this.store.txns.values()]
      .filter((t) => t.kind === 'Invoice' && str(obj(t.fields['CustomerRef'])?.['ListID']) === customerId && this.store.totals(t).balanceCents > 0)
      .sort((a, b) => ((str(a.fields['TxnDate']) ?? '') < (str(b.fields['TxnDate']) ?? '') ? -1 : 1) || a.TxnNumber - b.TxnNumber);
  }

  /** IsAutoApply: an open invoice of exactly that amount, else the oldest first (Conductor, qbxml.md §4.6). */
  private autoApply(customerId: string, totalCents: number): Application[] {
    const open = this.openInvoices(customerId);
    const exact = open.find((t) => this.store.totals(t).balanceCents === totalCents);
    if (exact) return [{ invoice: exact, cents: totalCents, credits: [] }];
    const apps: Application[] = [];
    let left = totalCents;
    for (const inv of open) {
      if (left <= 0) break;
      const cents = Math.min(left, this.store.totals(inv).balanceCents);
      apps.push({ invoice: inv, cents, credits: [] });
      left -= cents;
    }
    return apps;
  }

  private explicit(customerId: string, items: FieldObject[]): Application[] | QbStatus {
    const apps: Application[] = [];
    for (const item of items) {
      const id = str(item['TxnID']) ?? '';
      const inv = this.store.txns.get(id);
      if (!inv || inv.kind !== 'Invoice' || str(obj(inv.fields['CustomerRef'])?.['ListID']) !== customerId) return notFound(id);
      const balance = this.store.totals(inv).balanceCents - apps.filter((a) => a.invoice === inv).reduce((s, a) => s + a.cents, 0);
      // An invoice already paid "cannot be found" (Conductor; 3120 is the reading, qbxml.md §4.6).
      if (balance <= 0) return notFound(id);
      const credits: { memo: TxnRecord; cents: number }[] = [];
      for (const c of arr(item['SetCredit']).map((x) => obj(x) ?? {})) {
        const memoId = str(c['CreditTxnID']) ?? '';
        const memo = this.store.txns.get(memoId);
        const cents = toCents(str(c['AppliedAmount']));
        if (!memo || memo.kind !== 'CreditMemo' || this.store.totals(memo).subtotalCents + this.store.totals(memo).taxCents - memo.appliedCents < cents)
          return notFound(memoId);
        credits.push({ memo, cents });
      }
      const cents = toCents(str(item['PaymentAmount']));
      const creditCents = credits.reduce((s, c) => s + c.cents, 0);
      if (cents + creditCents > balance) return status(3210, 'The amount applied to the transaction is too large. You cannot pay more than the amount due.');
      apps.push({ invoice: inv, cents, credits });
    }
    return apps;
  }
}
