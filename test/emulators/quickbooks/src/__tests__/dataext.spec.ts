// Custom fields and private data (DataExt, qbxml.md §4.10, §8.11).
import { describe, expect, it } from 'vitest';
import { lineIds, smallBooks } from './books-fixture.js';
import { field, one, rets } from './qbxml-test-helpers.js';

const defAdd = (name: string, objects: string[], owner = '0'): string =>
  `<DataExtDefAddRq><DataExtDefAdd><OwnerID>${owner}</OwnerID><DataExtName>${name}</DataExtName><DataExtType>STR255TYPE</DataExtType>${objects
    .map((o) => `<AssignToObject>${o}</AssignToObject>`)
    .join('')}</DataExtDefAdd></DataExtDefAddRq>`;
const onCustomer = (op: 'Add' | 'Mod' | 'Del', id: string, name: string, value?: string): string =>
  `<DataExt${op}Rq><DataExt${op}><OwnerID>0</OwnerID><DataExtName>${name}</DataExtName><ListDataExtType>Customer</ListDataExtType><ListObjRef><ListID>${id}</ListID></ListObjRef>${
    value === undefined ? '' : `<DataExtValue>${value}</DataExtValue>`
  }</DataExt${op}></DataExt${op}Rq>`;

describe('DataExt custom fields', () => {
  it('a defined custom field is returned as DataExtRet only to queries with OwnerID 0', async () => {
    const { c, customer } = smallBooks();
    expect((await one(c, defAdd('Region', ['Customer']))).attrs['statusCode']).toBe('0');
    expect((await one(c, onCustomer('Add', customer, 'Region', 'North'))).attrs['statusCode']).toBe('0');
    const withOwner = await one(c, `<CustomerQueryRq><ListID>${customer}</ListID><OwnerID>0</OwnerID></CustomerQueryRq>`);
    expect(rets(withOwner.node, 'CustomerRet')[0]?.['DataExtRet']).toEqual([
      { OwnerID: '0', DataExtName: 'Region', DataExtType: 'STR255TYPE', DataExtValue: 'North' },
    ]);
    const without = await one(c, `<CustomerQueryRq><ListID>${customer}</ListID></CustomerQueryRq>`);
    expect(rets(without.node, 'CustomerRet')[0]?.['DataExtRet']).toBeUndefined();
  });

  it('DataExtDefQuery lists definitions with the three v11 elements the 13.0 XSD requires', async () => {
    const { c } = smallBooks();
    await one(c, defAdd('B24 Deal ID', ['Customer', 'Invoice']));
    const rs = await one(c, '<DataExtDefQueryRq><OwnerID>0</OwnerID></DataExtDefQueryRq>');
    expect(rets(rs.node, 'DataExtDefRet')[0]).toMatchObject({
      DataExtName: 'B24 Deal ID',
      AssignToObject: ['Customer', 'Invoice'],
      DataExtListRequire: 'false',
    });
    expect((await one(c, '<DataExtDefQueryRq><AssignToObject>Vendor</AssignToObject></DataExtDefQueryRq>')).attrs['statusCode']).toBe('1');
  });

  it('DataExtAdd without a definition for that object type is refused (3140 by default, 3120 as the variant)', async () => {
    const { c, customer } = smallBooks();
    await one(c, defAdd('Region', ['Vendor']));
    expect((await one(c, onCustomer('Add', customer, 'Region', 'North'))).attrs['statusCode']).toBe('3140');
    c.variants = { ...c.variants, dataExtUndefinedStatus: 3120 };
    expect((await one(c, onCustomer('Add', customer, 'Unknown', 'x'))).attrs['statusCode']).toBe('3120');
  });

  it('DataExtAdd of a value that already exists answers 3180; DataExtMod changes it', async () => {
    const { c, customer } = smallBooks();
    await one(c, defAdd('Region', ['Customer']));
    await one(c, onCustomer('Add', customer, 'Region', 'North'));
    expect((await one(c, onCustomer('Add', customer, 'Region', 'South'))).attrs['statusCode']).toBe('3180');
    const mod = await one(c, onCustomer('Mod', customer, 'Region', 'South'));
    expect(field(rets(mod.node, 'DataExtRet')[0], 'DataExtValue')).toBe('South');
  });

  it('DataExtAdd and DataExtMod move the parent TimeModified and EditSequence, so a cached EditSequence goes stale', async () => {
    const { c, customer } = smallBooks();
    await one(c, defAdd('Region', ['Customer']));
    const before = c.getRet(customer);
    c.advance(5000);
    await one(c, onCustomer('Add', customer, 'Region', 'North'));
    const after = c.getRet(customer);
    expect(after?.['EditSequence']).not.toBe(before?.['EditSequence']);
    expect(after?.['TimeModified']).not.toBe(before?.['TimeModified']);
    const stale = await one(
      c,
      `<CustomerModRq><CustomerMod><ListID>${customer}</ListID><EditSequence>${String(before?.['EditSequence'])}</EditSequence><Phone>1</Phone></CustomerMod></CustomerModRq>`,
    );
    expect(stale.attrs['statusCode']).toBe('3200');
  });

  it('DataExtMod cannot clear a value; DataExtDel removes it and answers DataExtDelRet', async () => {
    const { c, customer } = smallBooks();
    await one(c, defAdd('Region', ['Customer']));
    await one(c, onCustomer('Add', customer, 'Region', 'North'));
    expect((await one(c, onCustomer('Mod', customer, 'Region', ''))).attrs['statusSeverity']).toBe('Error');
    const del = await one(c, onCustomer('Del', customer, 'Region'));
    expect(rets(del.node, 'DataExtDelRet')[0]).toMatchObject({ DataExtName: 'Region', ListDataExtType: 'Customer' });
    const q = await one(c, `<CustomerQueryRq><ListID>${customer}</ListID><OwnerID>0</OwnerID></CustomerQueryRq>`);
    expect(rets(q.node, 'CustomerRet')[0]?.['DataExtRet']).toBeUndefined();
    expect((await one(c, onCustomer('Mod', customer, 'Region', 'x'))).attrs['statusCode']).toBe('3120');
  });

  it('a custom field on an invoice line (defined on Item) shows on the line Ret; private data never does', async () => {
    const { c, customer, service } = smallBooks();
    c.sales.defineCustomField('Color', ['Item']);
    c.sales.defineCustomField('Sync', ['Item'], '{AAAAAAAA-1111-2222-3333-444444444444}');
    const inv = c.userAddTxn('Invoice', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: service }, Quantity: '1' }]);
    const line = lineIds(c, inv)[0] ?? '';
    c.sales.setCustomField(inv, 'Color', 'Red', { txnLineId: line });
    c.sales.setCustomField(inv, 'Sync', 'x', { txnLineId: line, ownerId: '{AAAAAAAA-1111-2222-3333-444444444444}' });
    const rs = await one(
      c,
      `<InvoiceQueryRq><TxnID>${inv}</TxnID><IncludeLineItems>true</IncludeLineItems><OwnerID>0</OwnerID><OwnerID>{AAAAAAAA-1111-2222-3333-444444444444}</OwnerID></InvoiceQueryRq>`,
    );
    const lineRet = rets(rets(rs.node, 'InvoiceRet')[0] ?? {}, 'InvoiceLineRet')[0];
    expect(lineRet?.['DataExtRet']).toEqual([{ OwnerID: '0', DataExtName: 'Color', DataExtType: 'STR255TYPE', DataExtValue: 'Red' }]);
  });

  it('a DataExtName over 31 characters is refused (3070 for that request, like every over-long string)', async () => {
    const { c, customer } = smallBooks();
    expect((await one(c, defAdd('x'.repeat(32), ['Customer']))).attrs['statusCode']).toBe('3070');
    expect((await one(c, onCustomer('Add', customer, 'y'.repeat(32), 'v'))).attrs['statusCode']).toBe('3070');
  });

  it('a public custom-field value over 30 characters is stored by default and refused with 3070 under the reject variant', async () => {
    const { c, customer } = smallBooks();
    await one(c, defAdd('Region', ['Customer']));
    const long = 'x'.repeat(31);
    c.variants = { ...c.variants, customFieldOver30: 'reject' };
    expect((await one(c, onCustomer('Add', customer, 'Region', long))).attrs['statusCode']).toBe('3070');
    c.variants = { ...c.variants, customFieldOver30: 'accept' };
    expect((await one(c, onCustomer('Add', customer, 'Region', long))).attrs['statusCode']).toBe('0');
  });
});
