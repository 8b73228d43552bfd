import type { FieldObject, TxnRecord } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';
import type { DataExtOps } from './dataext.js';
import { addLinkedInvoice } from './extra-requests.js';
import type { PaymentOps } from './payments.js';
import { type QbStatus, status } from './qb-status.js';
import type { QuickBooksVariants } from './variants.type.js';

/** Thrown when QuickBooks would refuse the user's action (same shape as QuickBooksUserError). */
export class SalesDocumentsError extends Error {
  constructor(readonly status: QbStatus) {
    super(`${status.code}: ${status.message}`);
    this.name = 'SalesDocumentsError';
  }
}

/**
 * Test controls for custom fields, payments and linked documents, acting as a user at the QuickBooks UI
 * (`company.sales.…`). Each goes through the same rules as the matching qbXML request.
 */
export class SalesDocuments {
  constructor(
    private readonly store: CompanyStore,
    private readonly dataExt: DataExtOps,
    private readonly payments: PaymentOps,
    private readonly variants: () => QuickBooksVariants,
  ) {}

  /** Defines a custom field (OwnerID 0, STR255TYPE) on the given object types, as in the UI's "Define fields". */
  defineCustomField(name: string, assignTo: readonly string[], ownerId = '0', type = 'STR255TYPE'): void {
    const r = this.dataExt.define(ownerId, name, type, assignTo);
    if ('code' in r) throw new SalesDocumentsError(r);
  }

  /** Sets (or with '' clears) a custom field on a list record, a transaction, or one of its lines; touches the parent. */
  setCustomField(id: string, name: string, value: string, options: { readonly txnLineId?: string; readonly ownerId?: string } = {}): void {
    const parent = this.store.lists.get(id) ?? this.store.txns.get(id);
    if (!parent) throw new SalesDocumentsError(status(3120, `Object "${id}" specified in the request cannot be found.`));
    const line = options.txnLineId === undefined ? undefined : 'TxnID' in parent ? parent.lines.find((l) => l.TxnLineID === options.txnLineId) : undefined;
    if (options.txnLineId !== undefined && !line)
      throw new SalesDocumentsError(status(3120, `Object "${options.txnLineId}" specified in the request cannot be found.`));
    const r = this.dataExt.userSet(parent, line, options.ownerId ?? '0', name, value);
    if (r.severity === 'Error') throw new SalesDocumentsError(r);
  }

  /**
   * Records a customer payment (fields as in ReceivePaymentAdd: `CustomerRef`, `TotalAmount`, and `IsAutoApply`
   * or `AppliedToTxnAdd: [{ TxnID, PaymentAmount }]`); returns its TxnID. The invoice side follows the
   * `paymentTouchesInvoice` variant.
   */
  receivePayment(fields: FieldObject): string {
    return this.txnOrThrow(this.payments.add(fields)).TxnID;
  }

  /**
   * Creates an invoice from an estimate or sales order: all of what is left (`lines` omitted) or, for a partial
   * invoice of a sales order, the given quantities per source line (line links take sales orders only, qbxml.md
   * §4.9). Returns the invoice TxnID.
   */
  invoiceFrom(
    sourceTxnId: string,
    options: { readonly lines?: readonly { TxnLineID: string; Quantity?: string }[]; readonly header?: FieldObject } = {},
  ): string {
    const source = this.store.txns.get(sourceTxnId);
    if (!source) throw new SalesDocumentsError(status(3120, `Object "${sourceTxnId}" specified in the request cannot be found.`));
    const header: FieldObject = { CustomerRef: source.fields['CustomerRef'] ?? {}, ...options.header };
    if (!options.lines) return this.txnOrThrow(addLinkedInvoice(this.deps(), { ...header, LinkToTxnID: sourceTxnId })).TxnID;
    const InvoiceLineAdd = options.lines.map((l) => ({
      ...(l.Quantity !== undefined ? { Quantity: l.Quantity } : {}),
      LinkToTxn: { TxnID: sourceTxnId, TxnLineID: l.TxnLineID },
    }));
    return this.txnOrThrow(addLinkedInvoice(this.deps(), { ...header, InvoiceLineAdd })).TxnID;
  }

  private deps(): { store: CompanyStore; variants: () => QuickBooksVariants } {
    return { store: this.store, variants: this.variants };
  }

  private txnOrThrow(r: { status: QbStatus; txn?: TxnRecord }): TxnRecord {
    if (!r.txn) throw new SalesDocumentsError(r.status);
    return r.txn;
  }
}
