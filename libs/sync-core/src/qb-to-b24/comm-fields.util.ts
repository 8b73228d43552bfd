import type { AddressRet } from '@qb-b24/qbxml';
import type { B24AddressDesired, B24MultiValue } from '../b24-desired.type.js';
import { clean } from '../util/text.util.js';

/** The QuickBooks contact-info fields the mapping reads (CustomerRet and VendorRet share them). */
export interface QbCommInfo {
  readonly Phone?: string;
  readonly Mobile?: string;
  readonly AltPhone?: string;
  readonly Fax?: string;
  readonly Email?: string;
}

/**
 * QuickBooks' Email field may hold several addresses ("a@x.com; b@y.com"); Bitrix24 validates each
 * EMAIL value (ERROR_CORE on an invalid address, bitrix24.md §6.1), so they are split. Pure.
 */
export function splitEmails(email: string | null | undefined): string[] {
  return (email ?? '')
    .split(/[;,]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

/**
 * PHONE/EMAIL multi-fields: Phone → WORK, AltPhone → OTHER, Mobile → MOBILE, Fax → FAX, each e-mail → WORK
 * (VALUE_TYPE sets of bitrix24.md §6.1). Pure.
 */
export function commToMultiFields(c: QbCommInfo): { readonly PHONE: B24MultiValue[]; readonly EMAIL: B24MultiValue[] } {
  const PHONE: B24MultiValue[] = [];
  const add = (value: string | undefined, type: string): void => {
    const v = clean(value);
    if (v !== '') PHONE.push({ VALUE: v, VALUE_TYPE: type });
  };
  add(c.Phone, 'WORK');
  add(c.AltPhone, 'OTHER');
  add(c.Mobile, 'MOBILE');
  add(c.Fax, 'FAX');
  return { PHONE, EMAIL: splitEmails(c.Email).map((e) => ({ VALUE: e, VALUE_TYPE: 'WORK' })) };
}

/** BillAddress → legacy ADDRESS_* fields: Addr1 → ADDRESS, Addr2..Addr5 joined → ADDRESS_2, State → ADDRESS_PROVINCE. Pure. */
export function addressToB24(a: AddressRet | undefined): B24AddressDesired {
  return {
    ADDRESS: clean(a?.Addr1),
    ADDRESS_2: [a?.Addr2, a?.Addr3, a?.Addr4, a?.Addr5]
      .map(clean)
      .filter((s) => s !== '')
      .join(', '),
    ADDRESS_CITY: clean(a?.City),
    ADDRESS_POSTAL_CODE: clean(a?.PostalCode),
    ADDRESS_PROVINCE: clean(a?.State),
    ADDRESS_COUNTRY: clean(a?.Country),
  };
}
