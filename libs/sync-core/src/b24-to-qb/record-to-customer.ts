import type { CompanyRecord, ContactRecord, MultiFieldValue, ProductRecord } from '@qb-b24/bitrix24-client';
import type { CustomerRet } from '@qb-b24/qbxml';
import type { B24MultiValue } from '../b24-desired.type.js';
import { commToMultiFields, splitEmails } from '../qb-to-b24/comm-fields.util.js';
import { normalizeMoney } from '../util/decimal.util.js';
import { clean, cleanOrUndefined, qbName } from '../util/text.util.js';
import type { BillAddressDesired, CustomerDesired, ItemDesired } from './customer-desired.type.js';

type PhoneLike = Pick<MultiFieldValue, 'VALUE' | 'VALUE_TYPE'> | B24MultiValue;

/**
 * QuickBooks has one Phone, one AltPhone and one Fax (Mobile is "not in QBD" per [OPS], qbxml.md §4), so:
 * fax = first FAX; phone = first WORK, else the first other phone; altPhone = the next phone that is not FAX.
 * The QB → Bitrix24 direction writes Phone as WORK and AltPhone as OTHER, so the pair round-trips. Pure.
 */
export function pickPhones(phones: readonly PhoneLike[] | undefined): { phone?: string; altPhone?: string; fax?: string } {
  const list = (phones ?? []).map((p) => ({ v: clean(p.VALUE), t: p.VALUE_TYPE })).filter((p) => p.v !== '');
  const fax = list.find((p) => p.t === 'FAX');
  const voice = list.filter((p) => p.t !== 'FAX');
  const work = voice.find((p) => p.t === 'WORK');
  const phone = work ?? voice[0];
  const alt = voice.find((p) => p !== phone);
  return {
    ...(phone !== undefined ? { phone: phone.v } : {}),
    ...(alt !== undefined ? { altPhone: alt.v } : {}),
    ...(fax !== undefined ? { fax: fax.v } : {}),
  };
}

function firstEmail(emails: readonly PhoneLike[] | undefined): string | undefined {
  const list = (emails ?? []).map((e) => ({ v: clean(e.VALUE), t: e.VALUE_TYPE })).filter((e) => e.v !== '');
  return (list.find((e) => e.t === 'WORK') ?? list[0])?.v;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function address(r: ContactRecord | CompanyRecord): BillAddressDesired | undefined {
  const a = dropUndefined<BillAddressDesired>({
    Addr1: cleanOrUndefined(r.ADDRESS),
    Addr2: cleanOrUndefined(r.ADDRESS_2),
    City: cleanOrUndefined(r.ADDRESS_CITY),
    State: cleanOrUndefined(r.ADDRESS_PROVINCE) ?? cleanOrUndefined(r.ADDRESS_REGION),
    PostalCode: cleanOrUndefined(r.ADDRESS_POSTAL_CODE),
    Country: cleanOrUndefined(r.ADDRESS_COUNTRY),
  });
  return Object.keys(a).length === 0 ? undefined : a;
}

/**
 * A Bitrix24 contact as a QuickBooks customer: Name "First Last" (else the first e-mail/phone, else
 * "Contact {ID}"), first e-mail, phones per pickPhones, legacy address fields. Pure.
 */
export function contactToCustomer(c: ContactRecord): CustomerDesired {
  const first = cleanOrUndefined(c.NAME);
  const last = cleanOrUndefined(c.LAST_NAME);
  const email = firstEmail(c.EMAIL);
  const phones = pickPhones(c.PHONE);
  const display = [first, last].filter((s) => s !== undefined).join(' ');
  const name = qbName(display) || qbName(email) || qbName(phones.phone) || `Contact ${c.ID}`;
  return dropUndefined<CustomerDesired>({
    name,
    firstName: first,
    lastName: last,
    email,
    ...phones,
    billAddress: address(c),
  });
}

/** A Bitrix24 company as a QuickBooks customer: Name and CompanyName = TITLE. Pure. */
export function companyToCustomer(c: CompanyRecord): CustomerDesired {
  const title = cleanOrUndefined(c.TITLE);
  return dropUndefined<CustomerDesired>({
    name: qbName(title) || `Company ${c.ID}`,
    companyName: title,
    email: firstEmail(c.EMAIL),
    ...pickPhones(c.PHONE),
    billAddress: address(c),
  });
}

/**
 * A QuickBooks customer in the same model, read with the same rules the QB → Bitrix24 mapping uses
 * (first e-mail of a list, Phone/AltPhone/Mobile/Fax through pickPhones), so the two sides compare. Pure.
 */
export function customerRetToDesired(r: CustomerRet): CustomerDesired {
  const multi = commToMultiFields(r);
  const a = r.BillAddress;
  const bill =
    a === undefined
      ? undefined
      : dropUndefined<BillAddressDesired>({
          Addr1: cleanOrUndefined(a.Addr1),
          Addr2: cleanOrUndefined(
            [a.Addr2, a.Addr3, a.Addr4, a.Addr5]
              .map(clean)
              .filter((s) => s !== '')
              .join(', '),
          ),
          City: cleanOrUndefined(a.City),
          State: cleanOrUndefined(a.State),
          PostalCode: cleanOrUndefined(a.PostalCode),
          Country: cleanOrUndefined(a.Country),
        });
  return dropUndefined<CustomerDesired>({
    name: clean(r.Name),
    companyName: cleanOrUndefined(r.CompanyName),
    firstName: cleanOrUndefined(r.FirstName),
    lastName: cleanOrUndefined(r.LastName),
    email: splitEmails(r.Email)[0],
    ...pickPhones(multi.PHONE),
    billAddress: bill !== undefined && Object.keys(bill).length > 0 ? bill : undefined,
  });
}

/** A Bitrix24 product as a QuickBooks item: name, description, price "12.50". Pure. */
export function productToItem(p: ProductRecord): ItemDesired {
  return dropUndefined<ItemDesired>({
    name: qbName(p.NAME) || `Product ${p.ID}`,
    description: typeof p.DESCRIPTION === 'string' && p.DESCRIPTION.trim() !== '' ? p.DESCRIPTION.trim() : undefined,
    price: normalizeMoney(p.PRICE),
  });
}
