import { qbCustomerFieldValue } from '../fingerprint/projections.js';
import { qbName, splitName } from '../util/text.util.js';
import type { CustomerDesired } from './customer-desired.type.js';
import { withCollisionSuffix } from './qb-inputs.js';

/** Which Bitrix24 record a QuickBooks customer is synced with: a contact (a person) or a company. */
export type CustomerRecordKind = 'contact' | 'company';

const NAME_FIELDS: Readonly<Record<CustomerRecordKind, readonly ('firstName' | 'lastName' | 'companyName')[]>> = {
  contact: ['firstName', 'lastName'],
  company: ['companyName'],
};

/**
 * The QuickBooks Name the connector gives a customer with these values (what it uses for an Add):
 * a contact is "First Last", else its e-mail, else its phone, else "Contact {id}"; a company is its
 * CompanyName (the Bitrix24 TITLE), else "Company {id}". Pure.
 */
export function connectorCustomerName(kind: CustomerRecordKind, d: Omit<CustomerDesired, 'name'>, b24Id: string): string {
  if (kind === 'company') return qbName(d.companyName) || `Company ${b24Id}`;
  const display = [d.firstName, d.lastName].filter((s) => s !== undefined && s.trim() !== '').join(' ');
  return qbName(display) || qbName(d.email) || qbName(d.phone) || `Contact ${b24Id}`;
}

/**
 * The name fields of agreed values as Bitrix24 shows them: a QuickBooks customer without First/Last name
 * was given its Name split in two (planCustomer), so that split is what the contact agreed on.
 */
function agreedNameFields(kind: CustomerRecordKind, base: CustomerDesired): Partial<Record<'firstName' | 'lastName' | 'companyName', string>> {
  if (kind === 'contact' && base.firstName === undefined && base.lastName === undefined && base.companyName === undefined) {
    const split = splitName(base.name);
    return { ...(split.first !== '' ? { firstName: split.first } : {}), ...(split.last !== '' ? { lastName: split.last } : {}) };
  }
  const out: Partial<Record<'firstName' | 'lastName' | 'companyName', string>> = {};
  for (const f of NAME_FIELDS[kind]) {
    const v = base[f];
    if (v !== undefined) out[f] = v;
  }
  return out;
}

type NameFields = Partial<Record<'firstName' | 'lastName' | 'companyName', string>>;

function sameNameFields(kind: CustomerRecordKind, a: NameFields, b: NameFields): boolean {
  return NAME_FIELDS[kind].every((f) => qbCustomerFieldValue(f, a[f]) === qbCustomerFieldValue(f, b[f]));
}

function sameQbName(a: string, b: string): boolean {
  // QuickBooks names are unique case-insensitively (qbxml.md §4.1).
  return (qbCustomerFieldValue('name', a) ?? '').toLowerCase() === (qbCustomerFieldValue('name', b) ?? '').toLowerCase();
}

/** Whether the person changed the name in Bitrix24 since the last agreed values (true when there are none). Pure. */
export function customerNamesChanged(kind: CustomerRecordKind, base: CustomerDesired | undefined, desired: CustomerDesired): boolean {
  return base === undefined || !sameNameFields(kind, desired, agreedNameFields(kind, base));
}

/**
 * A Bitrix24 change with the name fields the person did not touch put back to the agreed QuickBooks values
 * (and Name to the agreed Name): an edit of a phone must neither rename the customer nor fill in First/Last
 * name fields QuickBooks left empty. Unchanged when the names were edited or nothing is agreed yet. Pure.
 */
export function keepUntouchedNames(kind: CustomerRecordKind, base: CustomerDesired | undefined, desired: CustomerDesired): CustomerDesired {
  if (base === undefined || customerNamesChanged(kind, base, desired)) return desired;
  const out: Record<string, unknown> = { ...desired, name: base.name };
  for (const f of NAME_FIELDS[kind]) out[f] = base[f];
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as unknown as CustomerDesired;
}

export interface CustomerNameInput {
  readonly kind: CustomerRecordKind;
  readonly b24Id: string;
  /** the values last agreed between the systems (IdMapping.baseJson); undefined when unknown */
  readonly base: CustomerDesired | undefined;
  /** the values about to be written (Bitrix24's, or the merge result), after keepUntouchedNames */
  readonly next: CustomerDesired;
  /** what QuickBooks holds now, when just read (after a 3200); `base` otherwise (the Mod carries its EditSequence) */
  readonly qbNow?: CustomerDesired;
  /** the QuickBooks customer is a job (sub-customer): its Name is the job's own, never derived from person names */
  readonly isJob?: boolean;
}

export type CustomerNameDecision =
  /** the name fields do not change in QuickBooks: leave Name out of the Mod */
  | { readonly action: 'unchanged'; readonly name: string }
  /** the name fields change and the QuickBooks Name followed the connector's pattern: rename to the new pattern */
  | { readonly action: 'rename'; readonly name: string; readonly from: string }
  /** the name fields change but QuickBooks has its own Name (or it is a job, or unknown): keep it, change First/Last/CompanyName only */
  | { readonly action: 'keep'; readonly name: string; readonly wouldBe: string; readonly reason: 'custom-name' | 'job' | 'unknown' };

/**
 * Whether a CustomerMod sends Name. QuickBooks owns names (DEFAULT_CONFLICT_POLICY) and the Name is the
 * customer's key there (invoices, reports), so Name changes only when the name fields change AND the
 * QuickBooks Name is still the one the connector gives the agreed names (connectorCustomerName, also with
 * a " (B24 id)" collision suffix, which the new name then keeps). "Rossi, Olivia" with First/Last
 * Olivia/Rossi is not that pattern, so it stays whatever Bitrix24 does. Jobs are never renamed. Pure.
 */
export function decideCustomerName(input: CustomerNameInput): CustomerNameDecision {
  const { kind, b24Id, base, next } = input;
  const qbNow = input.qbNow ?? base;
  if (qbNow === undefined) {
    return { action: 'keep', name: next.name, wouldBe: next.name, reason: 'unknown' };
  }
  if (sameNameFields(kind, next, qbNow)) return { action: 'unchanged', name: qbNow.name };
  const pattern = connectorCustomerName(kind, next, b24Id);
  if (input.isJob === true) return { action: 'keep', name: qbNow.name, wouldBe: pattern, reason: 'job' };
  if (base === undefined) return { action: 'keep', name: qbNow.name, wouldBe: pattern, reason: 'unknown' };
  const old = connectorCustomerName(kind, { ...base, ...agreedNameFields(kind, base) }, b24Id);
  const suffix = `B24 ${b24Id}`;
  if (sameQbName(qbNow.name, old)) return { action: 'rename', name: pattern, from: qbNow.name };
  if (sameQbName(qbNow.name, withCollisionSuffix(old, suffix, 41)))
    return { action: 'rename', name: withCollisionSuffix(pattern, suffix, 41), from: qbNow.name };
  return { action: 'keep', name: qbNow.name, wouldBe: pattern, reason: 'custom-name' };
}
