import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS as O, planCustomer, SyncError, vendorToContact, type B24ContactDesired } from '../index.js';
import { customerRet, vendorRet } from './fixtures.js';

const EMPTY_ADDRESS = { ADDRESS: '', ADDRESS_2: '', ADDRESS_CITY: '', ADDRESS_POSTAL_CODE: '', ADDRESS_PROVINCE: '', ADDRESS_COUNTRY: '' };

describe('planCustomer', () => {
  it('maps a customer with a company name and a person to a company plus a linked contact, both carrying the QB identity', () => {
    const plan = planCustomer(
      customerRet({
        Name: 'Acme Corp',
        CompanyName: 'Acme Corp',
        FirstName: 'Jane',
        LastName: 'Doe',
        JobTitle: 'CFO',
        Email: 'jane@acme.com',
        Phone: '555-0100',
        Fax: '555-0101',
        BillAddress: { Addr1: '1 Main St', Addr2: 'Suite 5', City: 'Springfield', State: 'IL', PostalCode: '62701', Country: 'US' },
      }),
      O,
    );
    expect(plan.kind).toBe('company');
    if (plan.kind !== 'company') return;
    expect(plan.company).toEqual({
      TITLE: 'Acme Corp',
      ADDRESS: '1 Main St',
      ADDRESS_2: 'Suite 5',
      ADDRESS_CITY: 'Springfield',
      ADDRESS_POSTAL_CODE: '62701',
      ADDRESS_PROVINCE: 'IL',
      ADDRESS_COUNTRY: 'US',
      EMAIL: [{ VALUE: 'jane@acme.com', VALUE_TYPE: 'WORK' }],
      PHONE: [
        { VALUE: '555-0100', VALUE_TYPE: 'WORK' },
        { VALUE: '555-0101', VALUE_TYPE: 'FAX' },
      ],
      ORIGINATOR_ID: 'QUICKBOOKS',
      ORIGIN_ID: '80000003-1271969969',
    });
    expect(plan.contact).toMatchObject({ NAME: 'Jane', LAST_NAME: 'Doe', POST: 'CFO', ORIGINATOR_ID: 'QUICKBOOKS', ORIGIN_ID: '80000003-1271969969' });
    expect(plan.contact?.COMPANY_ID).toBeUndefined();
  });

  it('maps a company without a person to a company only', () => {
    const plan = planCustomer(customerRet({ Name: 'Globex', CompanyName: 'Globex' }), O);
    expect(plan).toEqual({ kind: 'company', company: expect.objectContaining({ TITLE: 'Globex', EMAIL: [], PHONE: [] }) });
    expect('contact' in plan).toBe(false);
  });

  it.each([
    ['first/last given', { Name: 'Whatever', FirstName: 'Kristy', LastName: 'Abercrombie' }, 'Kristy', 'Abercrombie'],
    ['"Last, First" display name', { Name: 'Abercrombie, Kristy' }, 'Kristy', 'Abercrombie'],
    ['"First Middle Last" display name', { Name: 'Mary Ann Smith' }, 'Mary Ann', 'Smith'],
    ['single-word name', { Name: 'Cher' }, 'Cher', ''],
    ['accents kept', { Name: 'José Müller' }, 'José', 'Müller'],
    ['Cyrillic kept (Bitrix24 is Unicode)', { FirstName: 'Иван', LastName: 'Петров', Name: 'Ivan Petrov' }, 'Иван', 'Петров'],
    ['only a last name', { Name: 'x', LastName: 'Smith' }, '', 'Smith'],
  ])('maps a person customer to a contact: %s', (_case, over, first, last) => {
    const plan = planCustomer(customerRet(over), O);
    expect(plan.kind).toBe('contact');
    if (plan.kind !== 'contact') return;
    expect([plan.contact.NAME, plan.contact.LAST_NAME]).toEqual([first, last]);
    expect(plan.contact.ORIGIN_ID).toBe('80000003-1271969969');
    expect(plan.contact.TYPE_ID).toBeUndefined();
  });

  it('treats a blank CompanyName as no company', () => {
    expect(planCustomer(customerRet({ CompanyName: '   ', Name: 'Bob Jones' }), O).kind).toBe('contact');
  });

  it('maps every phone field to a typed PHONE value and splits a multi-address Email', () => {
    const plan = planCustomer(customerRet({ Phone: '1', AltPhone: '2', Mobile: '3', Fax: '4', Email: 'a@x.com; b@y.com,c@z.com' }), O);
    if (plan.kind !== 'contact') throw new Error('expected contact');
    expect(plan.contact.PHONE).toEqual([
      { VALUE: '1', VALUE_TYPE: 'WORK' },
      { VALUE: '2', VALUE_TYPE: 'OTHER' },
      { VALUE: '3', VALUE_TYPE: 'MOBILE' },
      { VALUE: '4', VALUE_TYPE: 'FAX' },
    ]);
    expect(plan.contact.EMAIL.map((e) => e.VALUE)).toEqual(['a@x.com', 'b@y.com', 'c@z.com']);
  });

  it('sends empty address fields so a cleared QuickBooks address clears the Bitrix24 one', () => {
    const plan = planCustomer(customerRet(), O);
    if (plan.kind !== 'contact') throw new Error('expected contact');
    expect(plan.contact).toMatchObject(EMPTY_ADDRESS);
  });

  it('joins Addr2..Addr5 into ADDRESS_2', () => {
    const plan = planCustomer(customerRet({ BillAddress: { Addr1: 'Kristy Abercrombie', Addr2: '5647 Cypress Hill Rd', Addr3: 'Bldg 2' } }), O);
    if (plan.kind !== 'contact') throw new Error('expected contact');
    expect([plan.contact.ADDRESS, plan.contact.ADDRESS_2]).toEqual(['Kristy Abercrombie', '5647 Cypress Hill Rd, Bldg 2']);
  });

  it('maps a job (sub-customer) to its parent, never to a "Parent:Job" contact', () => {
    const job = customerRet({
      ListID: '8000000A-1',
      Name: 'Kitchen',
      FullName: 'Abercrombie, Kristy:Kitchen',
      Sublevel: 1,
      ParentRef: { ListID: '80000003-1271969969', FullName: 'Abercrombie, Kristy' },
    });
    expect(planCustomer(job, O)).toEqual({ kind: 'job', parentListId: '80000003-1271969969' });
  });

  it('refuses a job whose ParentRef has no ListID', () => {
    expect(() => planCustomer(customerRet({ Sublevel: 1, ParentRef: { FullName: 'X' } }), O)).toThrow(SyncError);
  });

  it('uses the configured originator id', () => {
    const plan = planCustomer(customerRet(), { ...O, originatorId: 'QB-ACME' });
    if (plan.kind !== 'contact') throw new Error('expected contact');
    expect(plan.contact.ORIGINATOR_ID).toBe('QB-ACME');
  });
});

describe('vendorToContact', () => {
  it('maps a business vendor to a SUPPLIER contact named after the vendor', () => {
    const c: B24ContactDesired = vendorToContact(
      vendorRet({
        Email: 'sales@office.example',
        Phone: '(415) 555-0199',
        VendorAddress: { Addr1: '100 Market St', City: 'San Francisco', State: 'CA' },
      }),
      O,
    );
    expect(c).toMatchObject({
      NAME: 'Office Supplies Inc',
      LAST_NAME: '',
      TYPE_ID: 'SUPPLIER',
      ADDRESS: '100 Market St',
      ADDRESS_CITY: 'San Francisco',
      ADDRESS_PROVINCE: 'CA',
      ORIGINATOR_ID: 'QUICKBOOKS',
      ORIGIN_ID: '50000-933272658',
      EMAIL: [{ VALUE: 'sales@office.example', VALUE_TYPE: 'WORK' }],
      PHONE: [{ VALUE: '(415) 555-0199', VALUE_TYPE: 'WORK' }],
    });
  });

  it('uses the vendor person names when set and the configured supplier type', () => {
    const c = vendorToContact(vendorRet({ FirstName: 'Ольга', LastName: 'Сидорова' }), { ...O, vendorContactTypeId: 'PARTNER' });
    expect([c.NAME, c.LAST_NAME, c.TYPE_ID]).toEqual(['Ольга', 'Сидорова', 'PARTNER']);
  });
});
