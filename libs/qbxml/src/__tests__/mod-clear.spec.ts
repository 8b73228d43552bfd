import { describe, expect, it } from 'vitest';
import {
  buildCustomerAddRq,
  buildCustomerModRq,
  buildItemInventoryModRq,
  buildItemServiceModRq,
  buildQbxmlRequest,
  CLEAR,
  isClear,
  type CustomerAdd,
} from '../index.js';

// Intuit, "Modify, delete and void requests and responses": to clear a list object's property, send the
// element empty in a Mod; an omitted element keeps its value.
const mod = (fields: Parameters<typeof buildCustomerModRq>[0]['CustomerMod']): string =>
  buildCustomerModRq({ kind: 'CustomerMod', requestID: 'r1', CustomerMod: fields }).xml;

describe('clearing fields in Mod requests', () => {
  it('CLEAR writes an empty element in its XSD position; undefined writes nothing', () => {
    const xml = mod({ ListID: '3', EditSequence: '2', Email: CLEAR, Phone: CLEAR, Notes: 'n' });
    expect(xml).toContain('<CustomerMod><ListID>3</ListID><EditSequence>2</EditSequence><Phone></Phone><Email></Email><Notes>n</Notes></CustomerMod>');
    expect(xml).not.toContain('AltPhone');
  });

  it('an empty or unrepresentable string still keeps the old value: only CLEAR clears', () => {
    const xml = mod({ ListID: '3', EditSequence: '2', Phone: '', Fax: '   ', Email: '😀', Name: 'N' });
    expect(xml).not.toMatch(/<Phone|<Fax|<Email/);
  });

  it('an address with cleared lines is sent whole, its cleared lines empty', () => {
    const xml = mod({ ListID: '3', EditSequence: '2', BillAddress: { Addr1: '1 Main', Addr2: CLEAR, City: 'X', Country: CLEAR } });
    expect(xml).toContain('<BillAddress><Addr1>1 Main</Addr1><Addr2></Addr2><City>X</City><Country></Country></BillAddress>');
  });

  it('an address whose every line is cleared is still sent (as empty lines), not dropped', () => {
    const xml = mod({ ListID: '3', EditSequence: '2', BillAddress: { Addr1: CLEAR, City: CLEAR } });
    expect(xml).toContain('<BillAddress><Addr1></Addr1><City></City></BillAddress>');
  });

  it('item descriptions clear in both sales choices and in inventory parts', () => {
    const service = buildItemServiceModRq({
      kind: 'ItemServiceMod',
      requestID: 'r',
      ItemServiceMod: { ListID: '1', EditSequence: '2', SalesOrPurchaseMod: { Desc: CLEAR } },
    }).xml;
    expect(service).toContain('<SalesOrPurchaseMod><Desc></Desc></SalesOrPurchaseMod>');
    const both = buildItemServiceModRq({
      kind: 'ItemServiceMod',
      requestID: 'r',
      ItemServiceMod: { ListID: '1', EditSequence: '2', SalesAndPurchaseMod: { SalesDesc: CLEAR } },
    }).xml;
    expect(both).toContain('<SalesAndPurchaseMod><SalesDesc></SalesDesc></SalesAndPurchaseMod>');
    const part = buildItemInventoryModRq({
      kind: 'ItemInventoryMod',
      requestID: 'r',
      ItemInventoryMod: { ListID: '1', EditSequence: '2', SalesDesc: CLEAR },
    }).xml;
    expect(part).toContain('<EditSequence>2</EditSequence><SalesDesc></SalesDesc></ItemInventoryMod>');
  });

  it('Add requests cannot take CLEAR (there is nothing to clear), by type', () => {
    // @ts-expect-error CLEAR is only part of the Mod input types
    const add: CustomerAdd = { Name: 'N', Phone: CLEAR };
    expect(add.Name).toBe('N');
    expect(buildCustomerAddRq({ kind: 'CustomerAdd', requestID: 'r', CustomerAdd: { Name: 'N', Phone: '' } }).xml).not.toContain('<Phone');
  });

  it('CLEAR is one shared marker, recognised by isClear', () => {
    expect(isClear(CLEAR)).toBe(true);
    expect(isClear(Symbol.for('@qb-b24/qbxml/CLEAR'))).toBe(true);
    expect(isClear('')).toBe(false);
    expect(buildQbxmlRequest([{ kind: 'CustomerMod', requestID: 'a', CustomerMod: { ListID: '3', EditSequence: '2', Cc: CLEAR } }]).truncations).toEqual([]);
  });
});
