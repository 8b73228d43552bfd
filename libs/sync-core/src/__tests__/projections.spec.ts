import type { CompanyRecord, ContactRecord, DealRecord, ProductRecord } from '@qb-b24/bitrix24-client';
import type { CustomerRet } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  companyProjection,
  contactProjection,
  customerAddInput,
  customerProjection,
  dealProjection,
  DEFAULT_MAPPING_OPTIONS as O,
  fingerprint,
  invoiceToDeal,
  itemToProduct,
  planCustomer,
  productProjection,
  vendorToContact,
  type CustomerDesired,
} from '../index.js';
import { customerRet, invoiceRet, vendorRet } from './fixtures.js';

describe('fingerprint', () => {
  it('ignores key order and undefined properties', () => {
    expect(fingerprint({ b: 1, a: { y: [1, 2], x: undefined } })).toBe(fingerprint({ a: { y: [1, 2] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined] })).toBe('{"b":1,"c":[null]}');
  });

  it('changes when a value or an array order changes', () => {
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: 2 }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
    expect(fingerprint({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });
});

// The records below are what crm.*.get returns after we wrote the desired fields (bitrix24.md §5.2-§5.7, §6.1, §8):
// numbers and money as strings, multi-fields with ID/TYPE_ID (possibly reordered by the ID-aware patch),
// '' written fields read back as null, dates as midnight datetimes with the portal offset.
describe('projection(desired) === projection(record the portal returns)', () => {
  it('contact: person customer with phones, e-mails and an address', () => {
    const plan = planCustomer(
      customerRet({
        Name: 'Kristy Abercrombie',
        Email: 'Kristy@Example.com',
        Phone: '415-555-6579',
        Mobile: '415-555-0000',
        BillAddress: { Addr1: '5647 Cypress Hill Rd', City: 'Bayshore', State: 'CA', PostalCode: '94326' },
      }),
      O,
    );
    if (plan.kind !== 'contact') throw new Error('expected contact');
    const portal: ContactRecord = {
      ID: '43',
      NAME: 'Kristy',
      SECOND_NAME: null,
      LAST_NAME: 'Abercrombie',
      POST: null,
      TYPE_ID: 'CLIENT',
      SOURCE_ID: 'SELF',
      COMPANY_ID: null,
      OPENED: 'Y',
      EXPORT: 'Y',
      HAS_PHONE: 'Y',
      HAS_EMAIL: 'Y',
      ASSIGNED_BY_ID: '1',
      CREATED_BY_ID: '1',
      DATE_CREATE: '2026-03-02T10:38:21+03:00',
      DATE_MODIFY: '2026-03-02T10:38:21+03:00',
      ADDRESS: '5647 Cypress Hill Rd',
      ADDRESS_2: null,
      ADDRESS_CITY: 'Bayshore',
      ADDRESS_POSTAL_CODE: '94326',
      ADDRESS_REGION: null,
      ADDRESS_PROVINCE: 'CA',
      ADDRESS_COUNTRY: null,
      ADDRESS_COUNTRY_CODE: null,
      ORIGINATOR_ID: 'QUICKBOOKS',
      ORIGIN_ID: '80000003-1271969969',
      ORIGIN_VERSION: null,
      PHONE: [
        { ID: '157', VALUE_TYPE: 'MOBILE', VALUE: '415-555-0000', TYPE_ID: 'PHONE' },
        { ID: '156', VALUE_TYPE: 'WORK', VALUE: '415-555-6579', TYPE_ID: 'PHONE' },
      ],
      EMAIL: [{ ID: '158', VALUE_TYPE: 'WORK', VALUE: 'kristy@example.com', TYPE_ID: 'EMAIL' }],
      UF_CRM_1720697698689: 'text',
    };
    expect(contactProjection(portal)).toEqual(contactProjection(plan.contact));
    expect(fingerprint(contactProjection(portal))).toBe(fingerprint(contactProjection(plan.contact)));
  });

  it('contact: a record without any multi-field (keys omitted by get) equals empty desired lists', () => {
    const desired = vendorToContact(vendorRet(), O);
    const portal: ContactRecord = {
      ID: '44',
      NAME: 'Office Supplies Inc',
      LAST_NAME: null,
      SECOND_NAME: null,
      POST: null,
      TYPE_ID: 'SUPPLIER',
      ADDRESS: null,
      ADDRESS_2: null,
    };
    expect(contactProjection(portal)).toEqual(contactProjection(desired));
  });

  it('contact: a changed e-mail, name or address in the portal is NOT an echo', () => {
    const plan = planCustomer(customerRet({ Name: 'Bob Jones', Email: 'bob@x.com' }), O);
    if (plan.kind !== 'contact') throw new Error('expected contact');
    const base: ContactRecord = { ID: '1', NAME: 'Bob', LAST_NAME: 'Jones', EMAIL: [{ ID: '9', VALUE_TYPE: 'WORK', VALUE: 'bob@x.com', TYPE_ID: 'EMAIL' }] };
    const fp = fingerprint(contactProjection(plan.contact));
    expect(fingerprint(contactProjection(base))).toBe(fp);
    for (const changed of [
      { ...base, EMAIL: [{ ID: '9', VALUE_TYPE: 'WORK', VALUE: 'robert@x.com', TYPE_ID: 'EMAIL' }] },
      { ...base, EMAIL: [...(base.EMAIL ?? []), { ID: '10', VALUE_TYPE: 'HOME', VALUE: 'b@home.com', TYPE_ID: 'EMAIL' }] },
      { ...base, LAST_NAME: 'Johns' },
      { ...base, ADDRESS_CITY: 'Boston' },
      { ...base, EMAIL: [{ ID: '9', VALUE_TYPE: 'HOME', VALUE: 'bob@x.com', TYPE_ID: 'EMAIL' }] },
    ]) {
      expect(fingerprint(contactProjection(changed))).not.toBe(fp);
    }
  });

  it('company: TITLE, address and multi-fields', () => {
    const plan = planCustomer(customerRet({ Name: 'Acme', CompanyName: 'Acme & Sons', Phone: '555888', Email: 'info@acme.example' }), O);
    if (plan.kind !== 'company') throw new Error('expected company');
    const portal: CompanyRecord = {
      ID: '7',
      TITLE: 'Acme & Sons',
      COMPANY_TYPE: 'CUSTOMER',
      INDUSTRY: null,
      CURRENCY_ID: 'USD',
      REVENUE: '0.00',
      OPENED: 'Y',
      ADDRESS: null,
      ADDRESS_2: null,
      ADDRESS_CITY: null,
      ADDRESS_POSTAL_CODE: null,
      ADDRESS_PROVINCE: null,
      ADDRESS_COUNTRY: null,
      ORIGINATOR_ID: 'QUICKBOOKS',
      ORIGIN_ID: '80000003-1271969969',
      HAS_PHONE: 'Y',
      HAS_EMAIL: 'Y',
      PHONE: [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: '555888', TYPE_ID: 'PHONE' }],
      EMAIL: [{ ID: '2', VALUE_TYPE: 'WORK', VALUE: 'info@acme.example', TYPE_ID: 'EMAIL' }],
    };
    expect(companyProjection(portal)).toEqual(companyProjection(plan.company));
  });

  it.each([
    ['"100.00" string', '100.00', '100'],
    ['number 12.5', 12.5, '12.5'],
    ['"0.00" for an item without price', '0.00', undefined],
  ] as const)('product: PRICE read back as %s', (_c, readBack, qbPrice) => {
    const desired = itemToProduct(
      {
        ListID: 'L1',
        TimeCreated: '',
        TimeModified: '',
        EditSequence: '1',
        Name: 'Widget',
        FullName: 'Widget',
        DataExtRet: [],
        itemType: 'Service',
        SalesOrPurchase: { Desc: 'Blue widget\nLine 2', ...(qbPrice !== undefined ? { Price: qbPrice } : {}) },
      },
      O,
    );
    const portal: ProductRecord = {
      ID: '450',
      NAME: 'Widget',
      ACTIVE: 'Y',
      PRICE: readBack as string,
      CURRENCY_ID: 'USD',
      DESCRIPTION: 'Blue widget\nLine 2',
      DESCRIPTION_TYPE: 'text',
      SECTION_ID: null,
      CATALOG_ID: '25',
      MEASURE: '9',
      VAT_ID: null,
      VAT_INCLUDED: 'N',
      SORT: '500',
      XML_ID: 'QB_L1',
      DATE_CREATE: '2026-03-02T10:00:00+03:00',
      TIMESTAMP_X: '2026-03-02T10:00:00+03:00',
    };
    expect(productProjection(portal)).toEqual(productProjection(desired));
  });

  it('product: a price or activity change in the portal is not an echo', () => {
    const p: ProductRecord = { ID: '1', NAME: 'W', PRICE: '1.00', ACTIVE: 'Y', XML_ID: 'QB_1' };
    expect(fingerprint(productProjection(p))).not.toBe(fingerprint(productProjection({ ...p, PRICE: '1.01' })));
    expect(fingerprint(productProjection(p))).not.toBe(fingerprint(productProjection({ ...p, ACTIVE: 'N' })));
  });

  it('deal: money and dates as the portal renders them', () => {
    const { deal } = invoiceToDeal(invoiceRet({ Subtotal: 100000000 }), O, { productIdByItemListId: new Map(), companyId: '7' });
    const portal: DealRecord = {
      ID: '410',
      TITLE: 'Invoice 1001',
      TYPE_ID: 'SALE',
      CATEGORY_ID: '0',
      STAGE_ID: 'EXECUTING',
      STAGE_SEMANTIC_ID: 'P',
      CURRENCY_ID: 'USD',
      OPPORTUNITY: '1000000.00',
      IS_MANUAL_OPPORTUNITY: 'Y',
      TAX_VALUE: '0.00',
      COMPANY_ID: '7',
      CONTACT_ID: null,
      BEGINDATE: '2026-03-02T00:00:00+03:00',
      CLOSEDATE: '2026-04-01T02:00:00+02:00',
      CLOSED: 'N',
      PROBABILITY: null,
      ORIGINATOR_ID: 'QUICKBOOKS',
      ORIGIN_ID: 'C5-1417118624',
    };
    expect(dealProjection(portal)).toEqual(dealProjection(deal));
    expect(dealProjection({ ...portal, STAGE_ID: 'WON' })).not.toEqual(dealProjection(deal));
  });
});

describe('customerProjection(desired) === customerProjection(CustomerRet QuickBooks returns)', () => {
  // QuickBooks stores what the builder sent: Latin-1 text, cut to the field's max length (qbxml.md §3, §4).
  const retFor = (add: ReturnType<typeof customerAddInput>, stored: Partial<CustomerRet>): CustomerRet =>
    customerRet({ Name: add.Name, FullName: add.Name, ...stored });

  it.each<[string, CustomerDesired, Partial<CustomerRet>]>([
    [
      'plain ASCII',
      { name: 'John Smith', firstName: 'John', lastName: 'Smith', email: 'john@x.com', phone: '555' },
      { Name: 'John Smith', FirstName: 'John', LastName: 'Smith', Email: 'john@x.com', Phone: '555' },
    ],
    [
      'accents (Latin-1 survives)',
      { name: 'José Müller', firstName: 'José', lastName: 'Müller' },
      { Name: 'José Müller', FirstName: 'José', LastName: 'Müller' },
    ],
    [
      'Cyrillic (transliterated)',
      { name: 'Иван Петров', firstName: 'Иван', lastName: 'Петров' },
      { Name: 'Ivan Petrov', FirstName: 'Ivan', LastName: 'Petrov' },
    ],
    ['Polish (decomposed / mapped)', { name: 'Łukasz Żółć' }, { Name: 'Lukasz Zólc' }],
    [
      'too long (cut at 41, first name at 25)',
      { name: 'International Business Machines Corporation Ltd', firstName: 'Bartholomew-Maximilian-Alexander' },
      { Name: 'International Business Machines Corporati', FirstName: 'Bartholomew-Maximilian-Al' },
    ],
    ['transliteration that grows past the limit', { name: 'Щербаков Щербаков Щербаков Щербаков' }, { Name: 'Shcherbakov Shcherbakov Shcherbakov Shche' }],
    [
      'address',
      { name: 'A', billAddress: { Addr1: '1 Main St', City: 'Zürich', PostalCode: '8001', Country: 'Switzerland' } },
      { Name: 'A', BillAddress: { Addr1: '1 Main St', City: 'Zürich', PostalCode: '8001', Country: 'Switzerland' } },
    ],
    ['e-mail case', { name: 'A', email: 'Ann@X.com' }, { Name: 'A', Email: 'Ann@X.com' }],
  ])('%s', (_c, desired, stored) => {
    const ret = retFor(customerAddInput(desired), stored);
    expect(customerProjection(ret)).toEqual(customerProjection(desired));
  });

  it('a change made in QuickBooks is not an echo', () => {
    const d: CustomerDesired = { name: 'A', phone: '1' };
    expect(customerProjection(customerRet({ Name: 'A', Phone: '2' }))).not.toEqual(customerProjection(d));
    expect(customerProjection(customerRet({ Name: 'B', Phone: '1' }))).not.toEqual(customerProjection(d));
  });
});
