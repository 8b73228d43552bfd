import type { CustomerRet, VendorRet } from '@qb-b24/qbxml';
import type { B24CompanyDesired, B24ContactDesired } from '../b24-desired.type.js';
import type { MappingOptions } from '../mapping-options.constant.js';
import { SyncError } from '../sync.error.js';
import { clean, splitName } from '../util/text.util.js';
import { addressToB24, commToMultiFields } from './comm-fields.util.js';

/** What a QuickBooks customer becomes in Bitrix24 (INTERFACE.md "Default mapping"). */
export type CustomerPlan =
  /** CompanyName set; `contact` for the person when First/Last name are set (the engine sets its COMPANY_ID). */
  | { readonly kind: 'company'; readonly company: B24CompanyDesired; readonly contact?: B24ContactDesired }
  /** no CompanyName: one contact */
  | { readonly kind: 'contact'; readonly contact: B24ContactDesired }
  /** a job (sub-customer): it maps to its parent's record; `parentListId` is the direct parent, which may itself be a job */
  | { readonly kind: 'job'; readonly parentListId: string };

/**
 * Decides how a QuickBooks customer maps to Bitrix24. Pure; throws SyncError INVALID_INPUT for a job
 * whose ParentRef carries no ListID (QuickBooks always returns one, so that is a broken record).
 */
export function planCustomer(c: CustomerRet, o: MappingOptions): CustomerPlan {
  if ((c.Sublevel ?? 0) > 0 || c.ParentRef !== undefined) {
    const parentListId = c.ParentRef?.ListID;
    if (parentListId === undefined || parentListId === '') {
      throw new SyncError('INVALID_INPUT', 'job without ParentRef/ListID', { listId: c.ListID });
    }
    return { kind: 'job', parentListId };
  }
  const comm = commToMultiFields(c);
  const address = addressToB24(c.BillAddress);
  const origin = { ORIGINATOR_ID: o.originatorId, ORIGIN_ID: c.ListID };
  const companyName = clean(c.CompanyName);
  const first = clean(c.FirstName);
  const last = clean(c.LastName);
  const person = {
    SECOND_NAME: clean(c.MiddleName),
    POST: clean(c.JobTitle),
    ...address,
    ...comm,
    ...origin,
  };
  if (companyName !== '') {
    const company: B24CompanyDesired = { TITLE: companyName, ...address, ...comm, ...origin };
    if (first === '' && last === '') return { kind: 'company', company };
    return { kind: 'company', company, contact: { NAME: first, LAST_NAME: last, ...person } };
  }
  // No person name fields: split the customer's display name (Name is the leaf name, never "Parent:Job").
  const names = first === '' && last === '' ? splitName(c.Name) : { first, last };
  return { kind: 'contact', contact: { NAME: names.first, LAST_NAME: names.last, ...person } };
}

/** A QuickBooks vendor as a Bitrix24 contact with TYPE_ID = vendorContactTypeId (one way). Pure. */
export function vendorToContact(v: VendorRet, o: MappingOptions): B24ContactDesired {
  const first = clean(v.FirstName);
  const last = clean(v.LastName);
  // Vendors are mostly businesses: without person names the whole Name stays in NAME, unsplit.
  const hasPerson = first !== '' || last !== '';
  return {
    NAME: hasPerson ? first : clean(v.Name),
    LAST_NAME: hasPerson ? last : '',
    SECOND_NAME: clean(v.MiddleName),
    POST: clean(v.JobTitle),
    TYPE_ID: o.vendorContactTypeId,
    ...addressToB24(v.VendorAddress),
    ...commToMultiFields(v),
    ORIGINATOR_ID: o.originatorId,
    ORIGIN_ID: v.ListID,
  };
}
