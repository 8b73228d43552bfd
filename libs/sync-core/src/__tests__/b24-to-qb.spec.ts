import type { CompanyRecord, ContactRecord, ProductRecord } from '@qb-b24/bitrix24-client';
import { buildCustomerAddRq, buildCustomerModRq, buildItemServiceAddRq, buildQbxmlRequest, ITEM_TYPES, type ItemType } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import {
  companyToCustomer,
  contactToCustomer,
  customerAddInput,
  customerModInput,
  isModifiableItemType,
  itemModInput,
  itemServiceAddInput,
  productToItem,
  SyncError,
  withCollisionSuffix,
} from '../index.js';

// Records as legacy crm.*.get returns them (bitrix24.md §5.2/§5.3/§5.7, §8): numbers as strings, unset as null,
// multi-fields with ID and TYPE_ID, present only when non-empty.
const contact = (over: Partial<ContactRecord> = {}): ContactRecord => ({
  ID: '43',
  NAME: 'John',
  SECOND_NAME: null,
  LAST_NAME: 'Smith',
  TYPE_ID: 'CLIENT',
  COMPANY_ID: null,
  ADDRESS: null,
  ADDRESS_2: null,
  ADDRESS_CITY: null,
  ADDRESS_POSTAL_CODE: null,
  ADDRESS_PROVINCE: null,
  ADDRESS_COUNTRY: null,
  ORIGINATOR_ID: null,
  ORIGIN_ID: null,
  DATE_CREATE: '2024-08-15T10:38:21+02:00',
  ...over,
});

describe('contactToCustomer', () => {
  it('maps a portal contact to "First Last" with the first e-mail and phones', () => {
    const c = contact({
      PHONE: [
        { ID: '156', VALUE_TYPE: 'MOBILE', VALUE: '+13333333555', TYPE_ID: 'PHONE' },
        { ID: '157', VALUE_TYPE: 'WORK', VALUE: '+1 415 555 0100', TYPE_ID: 'PHONE' },
      ],
      EMAIL: [
        { ID: '158', VALUE_TYPE: 'WORK', VALUE: 'johnsmith@example.com', TYPE_ID: 'EMAIL' },
        { ID: '159', VALUE_TYPE: 'HOME', VALUE: 'j@home.example', TYPE_ID: 'EMAIL' },
      ],
      ADDRESS: '1 Main St',
      ADDRESS_CITY: 'Springfield',
      ADDRESS_PROVINCE: 'IL',
      ADDRESS_POSTAL_CODE: '62701',
    });
    expect(contactToCustomer(c)).toEqual({
      name: 'John Smith',
      firstName: 'John',
      lastName: 'Smith',
      email: 'johnsmith@example.com',
      phone: '+1 415 555 0100',
      altPhone: '+13333333555',
      billAddress: { Addr1: '1 Main St', City: 'Springfield', State: 'IL', PostalCode: '62701' },
    });
  });

  it.each([
    ['no names: first e-mail', contact({ NAME: null, LAST_NAME: '', EMAIL: [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: 'anon@x.com' }] }), 'anon@x.com'],
    ['nothing at all', contact({ NAME: null, LAST_NAME: null }), 'Contact 43'],
    ['Cyrillic kept (the builder transliterates)', contact({ NAME: 'Иван', LAST_NAME: 'Петров' }), 'Иван Петров'],
    ['colon replaced (QB hierarchy separator)', contact({ NAME: 'A:B', LAST_NAME: null }), 'A-B'],
    ['whitespace collapsed', contact({ NAME: '  Anna  ', LAST_NAME: ' Lee ' }), 'Anna Lee'],
  ])('names the customer: %s', (_c, rec, name) => {
    expect(contactToCustomer(rec).name).toBe(name);
  });

  it('takes a FAX into fax, not phone', () => {
    const d = contactToCustomer(contact({ PHONE: [{ ID: '1', VALUE_TYPE: 'FAX', VALUE: '555-9' }] }));
    expect([d.phone, d.fax]).toEqual([undefined, '555-9']);
  });
});

describe('companyToCustomer', () => {
  it('maps TITLE to Name and CompanyName', () => {
    const c: CompanyRecord = {
      ID: '7',
      TITLE: 'John Doe LLC',
      COMPANY_TYPE: 'CUSTOMER',
      PHONE: [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: '555888', TYPE_ID: 'PHONE' }],
    };
    expect(companyToCustomer(c)).toEqual({ name: 'John Doe LLC', companyName: 'John Doe LLC', phone: '555888' });
  });
});

describe('productToItem', () => {
  it.each([
    [
      { ID: '1', NAME: 'Widget', PRICE: '12.5', DESCRIPTION: 'Blue widget' },
      { name: 'Widget', description: 'Blue widget', price: '12.50' },
    ],
    [
      { ID: '2', NAME: 'Gadget', PRICE: '100.00', DESCRIPTION: null },
      { name: 'Gadget', price: '100.00' },
    ],
    [{ ID: '3', NAME: null, PRICE: null }, { name: 'Product 3' }],
  ] as [ProductRecord, object][])('maps product %j', (p, item) => {
    expect(productToItem(p)).toEqual(item);
  });
});

describe('qbXML inputs', () => {
  it('builds a valid CustomerAdd; the builder transliterates Cyrillic to Latin-1', () => {
    const input = customerAddInput(
      contactToCustomer(contact({ NAME: 'Иван', LAST_NAME: 'Петров', EMAIL: [{ ID: '1', VALUE_TYPE: 'WORK', VALUE: 'i@p.ru' }] })),
    );
    expect(input).toEqual({ Name: 'Иван Петров', FirstName: 'Иван', LastName: 'Петров', Email: 'i@p.ru' });
    const xml = buildCustomerAddRq({ kind: 'CustomerAdd', requestID: 'ob-1', CustomerAdd: input }).xml;
    expect(xml).toContain('<Name>Ivan Petrov</Name>');
  });

  it('builds a CustomerMod carrying ListID and EditSequence', () => {
    const mod = customerModInput('80000003-1271969969', '1272665327', { name: 'Acme', companyName: 'Acme', phone: '1' });
    expect(mod).toEqual({ ListID: '80000003-1271969969', EditSequence: '1272665327', Name: 'Acme', CompanyName: 'Acme', Phone: '1' });
    expect(buildCustomerModRq({ kind: 'CustomerMod', requestID: 'ob-2', CustomerMod: mod }).xml).toContain('<EditSequence>1272665327</EditSequence>');
  });

  it('builds an ItemServiceAdd with the income account', () => {
    const add = itemServiceAddInput({ name: 'Widget', description: 'Blue', price: '12.50' }, 'Sales:Widgets');
    expect(add).toEqual({ Name: 'Widget', SalesOrPurchase: { Desc: 'Blue', Price: '12.50', AccountRef: { FullName: 'Sales:Widgets' } } });
    expect(buildItemServiceAddRq({ kind: 'ItemServiceAdd', requestID: 'ob-3', ItemServiceAdd: add }).xml).toContain('<Price>12.50</Price>');
  });

  it.each([
    ['Service', 'ItemServiceMod'],
    ['NonInventory', 'ItemNonInventoryMod'],
    ['Inventory', 'ItemInventoryMod'],
  ] as const)('builds the %s item Mod request', (type, kind) => {
    const rq = itemModInput(type, 'L1', '99', { name: 'W', description: 'D', price: '1.00' }, { requestID: 'ob-4' });
    expect(rq.kind).toBe(kind);
    const xml = buildQbxmlRequest([rq]).xml;
    expect(xml).toContain('<ListID>L1</ListID>');
    expect(xml).toContain(type === 'Inventory' ? '<SalesPrice>1.00</SalesPrice>' : '<Price>1.00</Price>');
  });

  it('modifies SalesDesc/SalesPrice of an item bought and sold', () => {
    const rq = itemModInput('Service', 'L1', '99', { name: 'W', price: '2.00' }, { salesAndPurchase: true });
    expect(rq).toEqual({
      kind: 'ItemServiceMod',
      requestID: '',
      ItemServiceMod: { ListID: 'L1', EditSequence: '99', Name: 'W', SalesAndPurchaseMod: { SalesPrice: '2.00' } },
    });
  });

  it('refuses item types without a Mod builder', () => {
    const refused = ITEM_TYPES.filter((t: ItemType) => !isModifiableItemType(t));
    expect(refused).toEqual(['OtherCharge', 'InventoryAssembly', 'FixedAsset', 'Subtotal', 'Discount', 'Payment', 'SalesTax', 'SalesTaxGroup', 'Group']);
    for (const t of refused) expect(() => itemModInput(t, 'L', '1', { name: 'x' })).toThrow(SyncError);
  });
});

describe('withCollisionSuffix', () => {
  it.each([
    ['Acme', 'B24 17', 41, 'Acme (B24 17)'],
    ['A very long company name that fills it all', 'B24 17', 41, 'A very long company name that fi (B24 17)'],
    ['Иванов Иван', 'B24 5', 41, 'Ivanov Ivan (B24 5)'],
    ['Щукин Щукин Щукин Щукин', 'B24 5', 31, 'Shchukin Shchukin Shchu (B24 5)'],
  ])('%s + %s within %d → %s', (name, suffix, max, out) => {
    const r = withCollisionSuffix(name, suffix, max);
    expect(r).toBe(out);
    expect(r.length).toBeLessThanOrEqual(max);
  });
});
