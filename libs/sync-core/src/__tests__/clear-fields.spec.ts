import { buildCustomerModRq, buildQbxmlRequest, CLEAR } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import {
  customerAddInput,
  customerFieldsToClear,
  customerModInput,
  DEFAULT_CONFLICT_POLICY as P,
  itemFieldsToClear,
  itemModInput,
  mergeCustomer,
  type ConflictPolicy,
  type CustomerDesired,
} from '../index.js';

// The values last agreed between QuickBooks and Bitrix24 (IdMapping.baseJson, customerRetToDesired of the Ret).
const base: CustomerDesired = {
  name: 'Ada Lovelace',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.org',
  phone: '555-0100',
  altPhone: '555-0101',
  fax: '555-0102',
  billAddress: { Addr1: '1 Main St', Addr2: 'Suite 5', City: 'London', PostalCode: 'N1', Country: 'UK' },
};

describe('customerFieldsToClear', () => {
  it('clears what Bitrix24 deleted since the last agreed values', () => {
    const { email: _e, phone: _p, ...rest } = base;
    expect(customerFieldsToClear(base, rest, P)).toEqual(['email', 'phone']);
  });

  it('clears nothing without a base (a first link or an Add): a missing value is not a deletion', () => {
    expect(customerFieldsToClear(undefined, { name: 'Ada Lovelace' }, P)).toEqual([]);
  });

  it('does not clear a field the base did not have either', () => {
    const noFax = { ...base, fax: undefined };
    expect(customerFieldsToClear(noFax, { ...noFax }, P)).toEqual([]);
  });

  it('clears single address lines, and only those', () => {
    const d = { ...base, billAddress: { Addr1: '1 Main St', City: 'London', Country: 'UK' } };
    expect(customerFieldsToClear(base, d, P)).toEqual(['billAddress.Addr2', 'billAddress.PostalCode']);
  });

  it('never clears a field QuickBooks owns by policy, nor names (a company has no first/last name in Bitrix24)', () => {
    const qbOwnsPhone: ConflictPolicy = { default: 'qb', byField: { ...P.byField, phone: 'qb' } };
    const { phone: _p, ...noPhone } = base;
    expect(customerFieldsToClear(base, noPhone, qbOwnsPhone)).toEqual([]);
    const allB24: ConflictPolicy = { default: 'b24', byField: {} };
    expect(
      customerFieldsToClear(
        base,
        { name: 'Ada Lovelace', email: base.email, phone: base.phone, altPhone: base.altPhone, fax: base.fax, billAddress: base.billAddress },
        allB24,
      ),
    ).toEqual([]);
  });

  it('compares as QuickBooks stores text: a value with nothing left in Latin-1 counts as empty', () => {
    expect(customerFieldsToClear(base, { ...base, phone: '☎️' }, P)).toEqual(['phone']);
    expect(customerFieldsToClear(base, { ...base, email: 'ADA@example.org ' }, P)).toEqual([]);
  });

  it('after a 3200: QuickBooks changed the phone, Bitrix24 deleted it; Bitrix24 owns phones, so the merge clears it', () => {
    const { phone: _p, ...b24 } = base;
    const qb = { ...base, phone: '555-0199' };
    const { merged, conflicts } = mergeCustomer(base, b24, qb, P);
    expect(merged.phone).toBeUndefined();
    expect(conflicts).toEqual([{ field: 'phone', base: '555-0100', qb: '555-0199', winner: 'b24' }]);
    expect(customerFieldsToClear(base, merged, P)).toEqual(['phone']);
  });

  it('after a 3200 under a policy where QuickBooks owns phones, its new phone stays and nothing is cleared', () => {
    const qbOwnsPhone: ConflictPolicy = { default: 'qb', byField: { ...P.byField, phone: 'qb' } };
    const { phone: _p, ...b24 } = base;
    const { merged } = mergeCustomer(base, b24, { ...base, phone: '555-0199' }, qbOwnsPhone);
    expect(merged.phone).toBe('555-0199');
    expect(customerFieldsToClear(base, merged, qbOwnsPhone)).toEqual([]);
  });
});

describe('customerModInput with clears', () => {
  it('sends cleared fields empty and keeps the others as values', () => {
    const mod = customerModInput('L1', '7', { name: 'Ada Lovelace', firstName: 'Ada', altPhone: '555-0101' }, ['email', 'phone', 'fax']);
    expect(mod).toEqual({
      ListID: 'L1',
      EditSequence: '7',
      Name: 'Ada Lovelace',
      FirstName: 'Ada',
      AltPhone: '555-0101',
      Phone: CLEAR,
      Fax: CLEAR,
      Email: CLEAR,
    });
    const xml = buildCustomerModRq({ kind: 'CustomerMod', requestID: 'ob-1', CustomerMod: mod }).xml;
    expect(xml).toContain('<FirstName>Ada</FirstName><Phone></Phone><AltPhone>555-0101</AltPhone><Fax></Fax><Email></Email></CustomerMod>');
  });

  it('sends the whole bill address, cleared lines empty; a cleared Addr2 also clears Addr3..Addr5 (they were joined into it)', () => {
    const mod = customerModInput('L1', '7', { name: 'Ada', billAddress: { Addr1: '1 Main St', City: 'London' } }, ['billAddress.Addr2', 'billAddress.Country']);
    expect(mod.BillAddress).toEqual({ Addr1: '1 Main St', City: 'London', Addr2: CLEAR, Country: CLEAR, Addr3: CLEAR, Addr4: CLEAR, Addr5: CLEAR });
    expect(buildCustomerModRq({ kind: 'CustomerMod', requestID: 'ob-1', CustomerMod: mod }).xml).toContain(
      '<BillAddress><Addr1>1 Main St</Addr1><Addr2></Addr2><Addr3></Addr3><Addr4></Addr4><Addr5></Addr5><City>London</City><Country></Country></BillAddress>',
    );
  });

  it('a clear wins over a value QuickBooks could not store anyway', () => {
    expect(customerModInput('L1', '7', { name: 'A', phone: '☎️' }, ['phone']).Phone).toBe(CLEAR);
  });

  it('without clears it is the old behaviour: absent fields are not sent', () => {
    expect(customerModInput('L1', '7', { name: 'A', phone: '1' })).toEqual({ ListID: 'L1', EditSequence: '7', Name: 'A', Phone: '1' });
  });

  it('an Add never carries a clear', () => {
    expect(Object.values(customerAddInput({ name: 'A' }))).not.toContain(CLEAR);
  });
});

describe('item description clears', () => {
  it('clears the description when the agreed values had one and the product has none that QuickBooks could store', () => {
    const agreed = { name: 'W', description: 'Blue', price: '2.00' };
    expect(itemFieldsToClear(agreed, { name: 'W' })).toEqual(['description']);
    expect(itemFieldsToClear(agreed, { name: 'W', description: '🙂' })).toEqual(['description']);
    expect(itemFieldsToClear(agreed, { name: 'W', description: 'Blue' })).toEqual([]);
  });

  it('clears nothing Bitrix24 never showed: no agreed description, or no agreed values at all', () => {
    expect(itemFieldsToClear({ name: 'W', price: '2.00' }, { name: 'W' })).toEqual([]);
    expect(itemFieldsToClear(undefined, { name: 'W' })).toEqual([]);
  });

  it.each([
    ['Service', {}, '<SalesOrPurchaseMod><Desc></Desc><Price>2.00</Price></SalesOrPurchaseMod>'],
    ['NonInventory', {}, '<SalesOrPurchaseMod><Desc></Desc><Price>2.00</Price></SalesOrPurchaseMod>'],
    ['Service', { salesAndPurchase: true }, '<SalesAndPurchaseMod><SalesDesc></SalesDesc><SalesPrice>2.00</SalesPrice></SalesAndPurchaseMod>'],
    ['Inventory', {}, '<Name>W</Name><SalesDesc></SalesDesc><SalesPrice>2.00</SalesPrice>'],
  ] as const)('a %s item Mod (%j) sends the description empty', (type, extra, fragment) => {
    const rq = itemModInput(type, 'L1', '9', { name: 'W', price: '2.00' }, { requestID: 'ob-5', clear: ['description'], ...extra });
    expect(buildQbxmlRequest([rq]).xml).toContain(fragment);
  });

  it('without the clear, an item Mod leaves the description alone', () => {
    const xml = buildQbxmlRequest([itemModInput('Service', 'L1', '9', { name: 'W', price: '2.00' }, { requestID: 'ob-6' })]).xml;
    expect(xml).not.toContain('Desc');
  });
});
