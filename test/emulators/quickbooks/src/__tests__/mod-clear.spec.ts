// Clearing fields with a Mod. Intuit, "Modify, delete and void requests and responses"
// (developer.intuit.com/app/developer/qbdesktop/docs/develop/exploring-the-quickbooks-desktop-sdk/modify-delete-and-void-requests-and-responses):
// "To clear some properties of a list object: ObjectTypeModRq with listID and editSequence; send null/empty qbXML
// elements for the properties to be cleared"; elements not sent keep their value (qbxml.md §6 listed this as unconfirmed).
import { describe, expect, it } from 'vitest';
import { QuickBooksCompany } from '../company/quickbooks-company.js';
import { field, one, rets, type Node } from './qbxml-test-helpers.js';

function company(): QuickBooksCompany {
  return new QuickBooksCompany({ now: new Date('2024-03-01T15:00:00Z') });
}

async function customerMod(c: QuickBooksCompany, id: string, body: string): Promise<{ status: string | undefined; ret: Node | undefined }> {
  const es = String(c.getRet(id)?.['EditSequence']);
  const r = await one(
    c,
    `<CustomerModRq requestID="m"><CustomerMod><ListID>${id}</ListID><EditSequence>${es}</EditSequence>${body}</CustomerMod></CustomerModRq>`,
  );
  return { status: r.attrs['statusCode'], ret: rets(r.node, 'CustomerRet')[0] };
}

describe('Mod with empty elements clears fields', () => {
  it('an empty element clears the field; omitted elements keep their values; TimeModified and EditSequence change', async () => {
    const c = company();
    const id = c.userAddList('Customer', { Name: 'Ada', Phone: '555-0100', AltPhone: '555-0101', Email: 'ada@example.org', Notes: 'VIP' });
    const before = c.getRet(id);
    c.advance(60_000);
    const { status, ret } = await customerMod(c, id, '<Phone></Phone><Email/>');
    expect(status).toBe('0');
    expect(ret).not.toHaveProperty('Phone');
    expect(ret).not.toHaveProperty('Email');
    expect(field(ret, 'AltPhone')).toBe('555-0101');
    expect(field(ret, 'Notes')).toBe('VIP');
    expect(field(ret, 'TimeModified')).not.toBe(before?.['TimeModified']);
    expect(Number(field(ret, 'EditSequence'))).toBeGreaterThan(Number(before?.['EditSequence']));
    // and it stays cleared when read back
    const read = c.getRet(id);
    expect(read).not.toHaveProperty('Phone');
    expect(read).not.toHaveProperty('Email');
  });

  it('an address sent with empty lines keeps the sent lines and loses the emptied ones; the address block follows', async () => {
    const c = company();
    const id = c.userAddList('Customer', {
      Name: 'Bea',
      BillAddress: { Addr1: '1 Main St', Addr2: 'Suite 5', City: 'Springfield', State: 'IL', PostalCode: '62701' },
    });
    const { ret } = await customerMod(
      c,
      id,
      '<BillAddress><Addr1>1 Main St</Addr1><Addr2></Addr2><City>Springfield</City><State></State><PostalCode>62701</PostalCode></BillAddress>',
    );
    const bill = ret?.['BillAddress'] as Node | undefined;
    expect(bill).toEqual({ Addr1: '1 Main St', City: 'Springfield', PostalCode: '62701' });
    expect(ret?.['BillAddressBlock']).toEqual({ Addr1: '1 Main St', Addr2: 'Springfield, 62701' });
  });

  it('an address whose every line is emptied disappears from the record', async () => {
    const c = company();
    const id = c.userAddList('Customer', { Name: 'Cy', BillAddress: { Addr1: '1 Main St', City: 'Springfield' } });
    const { ret } = await customerMod(c, id, '<BillAddress><Addr1></Addr1><City></City></BillAddress>');
    expect(ret).not.toHaveProperty('BillAddress');
    expect(ret).not.toHaveProperty('BillAddressBlock');
  });

  it('an empty Desc in SalesOrPurchaseMod clears the description and keeps the price and account', async () => {
    const c = company();
    const id = c.userAddList('ItemService', {
      Name: 'Consulting',
      SalesOrPurchase: { Desc: 'Consulting hour', Price: '100.00', AccountRef: { FullName: 'Services' } },
    });
    const es = String(c.getRet(id)?.['EditSequence']);
    const r = await one(
      c,
      `<ItemServiceModRq><ItemServiceMod><ListID>${id}</ListID><EditSequence>${es}</EditSequence><SalesOrPurchaseMod><Desc></Desc></SalesOrPurchaseMod></ItemServiceMod></ItemServiceModRq>`,
    );
    expect(r.attrs['statusCode']).toBe('0');
    const sop = rets(r.node, 'ItemServiceRet')[0]?.['SalesOrPurchase'] as Node | undefined;
    expect(sop).not.toHaveProperty('Desc');
    expect(sop?.['Price']).toBe('100.00');
    expect(field(sop, 'AccountRef', 'FullName')).toBe('Services');
  });

  it("an empty SalesDesc clears an inventory part's description", async () => {
    const c = company();
    const id = c.userAddList('ItemInventory', { Name: 'Widget', SalesDesc: 'A widget', SalesPrice: '19.99', PurchaseDesc: 'From supplier' });
    const es = String(c.getRet(id)?.['EditSequence']);
    const r = await one(
      c,
      `<ItemInventoryModRq><ItemInventoryMod><ListID>${id}</ListID><EditSequence>${es}</EditSequence><SalesDesc></SalesDesc></ItemInventoryMod></ItemInventoryModRq>`,
    );
    const ret = rets(r.node, 'ItemInventoryRet')[0];
    expect(ret).not.toHaveProperty('SalesDesc');
    expect(field(ret, 'PurchaseDesc')).toBe('From supplier');
    expect(field(ret, 'SalesPrice')).toBe('19.99');
  });

  it('an empty Name does not leave a record without a name (the name is kept)', async () => {
    const c = company();
    const id = c.userAddList('Customer', { Name: 'Dee', Phone: '1' });
    const { status, ret } = await customerMod(c, id, '<Name></Name><Phone></Phone>');
    expect(status).toBe('0');
    expect(field(ret, 'Name')).toBe('Dee');
    expect(ret).not.toHaveProperty('Phone');
  });
});
