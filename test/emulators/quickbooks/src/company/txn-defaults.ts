/** The header fields QuickBooks fills in on a transaction Add when the request leaves them out (dates, RefNumber, accounts, flags). */
import { formatQbDate } from '../time/local-time.js';
import type { FieldObject, TxnKind } from './company-data.type.js';
import type { CompanyStore } from './company-store.js';
import { obj, str } from './field-access.js';
import { TEMPLATE_OF } from './ref-target.js';

/** Fills the defaults into `fields` (resolved header of a `kind` Add at `now`), in place; may take the next RefNumber. */
export function applyTxnDefaults(store: CompanyStore, kind: TxnKind, fields: FieldObject, now: number): void {
  const customer = store.lists.get(str(obj(fields['CustomerRef'])?.['ListID']) ?? '');
  const today = formatQbDate(now, store.zone);
  fields['TxnDate'] ??= today;
  if (fields['RefNumber'] === undefined) fields['RefNumber'] = String(++store.counters.refNumber);
  if (kind === 'Invoice' || kind === 'CreditMemo' || kind === 'ReceivePayment')
    fields['ARAccountRef'] ??= store.auxRef('Account', 'Accounts Receivable') ?? { FullName: 'Accounts Receivable' };
  if (kind !== 'ReceivePayment') fields['TemplateRef'] ??= store.auxRef('Template', TEMPLATE_OF[kind]) ?? { FullName: 'Default' };
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
    fields['DepositToAccountRef'] ??= store.auxRef('Account', 'Undeposited Funds') ?? { FullName: 'Undeposited Funds' };
  fields['IsToBeEmailed'] ??= 'false';
}
