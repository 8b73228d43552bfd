// One test per behaviour of shared/reference/qbxml.md §10 "Emulator checklist" (item numbers in the names).
import { describe, expect, it } from 'vitest';
import { QuickBooksCompany } from '../company/quickbooks-company.js';
import { field, msg, one, responses, rets } from './qbxml-test-helpers.js';
import { PARSE_ERROR, addCustomer, company } from './checklist-fixture.js';

describe('QuickBooks company emulator — qbxml.md §10 checklist, §10.1–§10.18', () => {
  it('§10.1 rejects a message without <?qbxml?>, with a newer version, or not well-formed, with HRESULT 0x80040400', async () => {
    const c = company();
    const body = `<QBXML><QBXMLMsgsRq onError="stopOnError">${addCustomer('A')}</QBXMLMsgsRq></QBXML>`;
    expect(await c.processRequest(`<?xml version="1.0"?>${body}`)).toEqual(PARSE_ERROR);
    expect(await c.processRequest(msg(addCustomer('A'), 'stopOnError', '14.0'))).toEqual(PARSE_ERROR);
    expect(await c.processRequest(msg(addCustomer('Acme & Sons')))).toEqual(PARSE_ERROR);
    expect(c.count('Customer')).toBe(0);
  });

  it('§10.2 fails the whole message on a schema violation (order, enum case, MaxReturned 0) and runs none of it', async () => {
    const c = company();
    const bad = [
      `<CustomerAdd><Name>A</Name><Email>a@b.c</Email><Phone>1</Phone></CustomerAdd>`,
      `<CustomerAdd><Name>A</Name><IsActive>True</IsActive></CustomerAdd>`,
    ];
    for (const b of bad) expect(await c.processRequest(msg(`${addCustomer('Ok')}<CustomerAddRq>${b}</CustomerAddRq>`))).toEqual(PARSE_ERROR);
    expect(await c.processRequest(msg('<CustomerQueryRq><MaxReturned>0</MaxReturned></CustomerQueryRq>'))).toEqual(PARSE_ERROR);
    expect(await c.processRequest(msg('<CustomerQueryRq><ActiveStatus>Active</ActiveStatus></CustomerQueryRq>'))).toEqual(PARSE_ERROR);
    expect(c.count('Customer')).toBe(0);
  });

  it('§10.3 requires onError and rejects rollbackOnError', async () => {
    const c = company();
    expect(await c.processRequest(`<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq>${addCustomer('A')}</QBXMLMsgsRq></QBXML>`)).toEqual(
      PARSE_ERROR,
    );
    expect(
      await c.processRequest(
        `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="rollbackOnError">${addCustomer('A')}</QBXMLMsgsRq></QBXML>`,
      ),
    ).toEqual(PARSE_ERROR);
  });

  it('§10.3 stopOnError stops at the first error, keeps earlier writes and leaves later requests unanswered', async () => {
    const c = company();
    const rs = responses(await c.processRequest(msg(addCustomer('A', '', '1') + addCustomer('a', '', '2') + addCustomer('B', '', '3'))));
    expect(rs.map((r) => [r.attrs['requestID'], r.attrs['statusCode']])).toEqual([
      ['1', '0'],
      ['2', '3100'],
    ]);
    expect(c.count('Customer')).toBe(1);
  });

  it('§10.3 stopOnError can answer the skipped requests with 3231 instead', async () => {
    const c = new QuickBooksCompany({ afterStopOnError: '3231' });
    const rs = responses(await c.processRequest(msg(addCustomer('A', '', '1') + addCustomer('A', '', '2') + addCustomer('B', '', '3'))));
    expect(rs.map((r) => r.attrs['statusCode'])).toEqual(['0', '3100', '3231']);
    expect(c.count('Customer')).toBe(1);
  });

  it('§10.3 continueOnError runs and answers every request', async () => {
    const c = company();
    const rs = responses(await c.processRequest(msg(addCustomer('A', '', '1') + addCustomer('A', '', '2') + addCustomer('B', '', '3'), 'continueOnError')));
    expect(rs.map((r) => r.attrs['statusCode'])).toEqual(['0', '3100', '0']);
    expect(c.count('Customer')).toBe(2);
  });

  it('§10.4 answers in request order with one Rs each, echoing requestID only when sent', async () => {
    const c = company();
    const rs = responses(await c.processRequest(msg('<VendorQueryRq requestID="x"/><CustomerQueryRq/><ItemQueryRq requestID="z"/>', 'continueOnError')));
    expect(rs.map((r) => r.name)).toEqual(['VendorQueryRs', 'CustomerQueryRs', 'ItemQueryRs']);
    expect(rs.map((r) => r.attrs['requestID'])).toEqual(['x', undefined, 'z']);
    for (const r of rs) expect(Object.keys(r.attrs)).toEqual(expect.arrayContaining(['statusCode', 'statusSeverity', 'statusMessage']));
  });

  it('§10.5 answers 1060 for a requestID longer than 50 characters', async () => {
    const r = await one(company(), addCustomer('A', '', 'x'.repeat(51)));
    expect(r.attrs['statusCode']).toBe('1060');
  });

  it('§10.6 answers 3070 for a too-long string instead of failing the message', async () => {
    const c = company();
    const r = await one(c, addCustomer('A'.repeat(44)));
    expect(r.attrs).toMatchObject({ statusCode: '3070', statusSeverity: 'Error' });
    expect(r.attrs['statusMessage']).toBe(`The string "${'A'.repeat(44)}" in the field "Name" is too long.`);
    expect(c.count('Customer')).toBe(0);
  });

  it('§10.7 emits <?xml version="1.0" ?> without a qbxml PI, one element per line, Ret children in XSD order', async () => {
    const res = await company().processRequest(msg(addCustomer('A', '<CompanyName>Co</CompanyName><Phone>1</Phone><Email>e@x.com</Email>')));
    if (!res.ok) throw new Error('failed');
    expect(res.response.startsWith('<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n')).toBe(true);
    expect(res.response).not.toContain('<?qbxml');
    const lines = res.response.split('\n');
    const idx = (tag: string): number => lines.findIndex((l) => l.startsWith(`<${tag}>`));
    expect(idx('ListID')).toBeLessThan(idx('Name'));
    expect(idx('Name')).toBeLessThan(idx('FullName'));
    expect(idx('Sublevel')).toBeLessThan(idx('CompanyName'));
    expect(idx('Phone')).toBeLessThan(idx('Email'));
    expect(idx('Email')).toBeLessThan(idx('Balance'));
  });

  it('§10.8 generates ListID/TxnID as <hex counter>-<unix seconds>, lines following their transaction', async () => {
    const c = company();
    const r = await one(c, addCustomer('A'));
    const secs = String(Date.parse('2024-03-01T15:00:00Z') / 1000);
    expect(field(rets(r.node, 'CustomerRet')[0], 'ListID')).toMatch(new RegExp(`^[0-9A-F]+-${secs}$`));
    await one(
      c,
      '<ItemServiceAddRq><ItemServiceAdd><Name>Svc</Name><SalesOrPurchase><Price>10.00</Price><AccountRef><FullName>Services</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>',
    );
    const inv = await one(
      c,
      '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>A</FullName></CustomerRef><InvoiceLineAdd><ItemRef><FullName>Svc</FullName></ItemRef><Quantity>1</Quantity></InvoiceLineAdd><InvoiceLineAdd><ItemRef><FullName>Svc</FullName></ItemRef><Quantity>2</Quantity><Rate>3</Rate></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>',
    );
    const ret = rets(inv.node, 'InvoiceRet')[0];
    const txnId = field(ret, 'TxnID') ?? '';
    const lineIds = rets(ret ?? {}, 'InvoiceLineRet').map((l) => field(l, 'TxnLineID') ?? '');
    const counter = (id: string): number => parseInt(id.split('-')[0] ?? '', 16);
    expect(txnId.endsWith(`-${secs}`)).toBe(true);
    expect(lineIds.map(counter)).toEqual([counter(txnId) + 2, counter(txnId) + 4]);
  });

  it('§10.9 EditSequence is unix seconds and strictly increases even within one second', async () => {
    const c = company();
    const id = c.userAddList('Customer', { Name: 'A' });
    const first = Number(c.getRet(id)?.['EditSequence']);
    expect(first).toBe(Date.parse('2024-03-01T15:00:00Z') / 1000);
    c.userEdit(id, { Phone: '1' });
    c.userEdit(id, { Phone: '2' });
    expect(Number(c.getRet(id)?.['EditSequence'])).toBe(first + 2);
  });

  it('§10.10 prints TimeCreated/TimeModified as local wall clock with the STANDARD offset, also in summer (DST quirk)', () => {
    const c = new QuickBooksCompany({ now: new Date('2024-07-15T16:30:00Z'), timeZone: 'America/New_York' });
    const id = c.userAddList('Customer', { Name: 'Summer' });
    expect(c.getRet(id)?.['TimeCreated']).toBe('2024-07-15T12:30:00-05:00');
    const la = new QuickBooksCompany({ now: new Date('2010-04-30T22:08:47Z'), timeZone: 'America/Los_Angeles' });
    // Recorded sample: EditSequence 1272665327 printed as 2010-04-30T15:08:47-08:00 (qbxml.md §2.4).
    const id2 = la.userAddList('Customer', { Name: 'John Hancock qb' });
    expect(la.getRet(id2)).toMatchObject({ TimeModified: '2010-04-30T15:08:47-08:00', EditSequence: '1272665327' });
  });

  it('§10.11 a Mod updates TimeModified and EditSequence and keeps TimeCreated', async () => {
    const c = company();
    const id = c.userAddList('Customer', { Name: 'A' });
    const before = c.getRet(id);
    c.advance(3_600_000);
    const r = await one(
      c,
      `<CustomerModRq><CustomerMod><ListID>${id}</ListID><EditSequence>${String(before?.['EditSequence'])}</EditSequence><Phone>555</Phone></CustomerMod></CustomerModRq>`,
    );
    const after = rets(r.node, 'CustomerRet')[0];
    expect(r.attrs['statusCode']).toBe('0');
    expect(field(after, 'TimeCreated')).toBe(before?.['TimeCreated']);
    expect(field(after, 'TimeModified')).toBe('2024-03-01T11:00:00-05:00');
    expect(Number(field(after, 'EditSequence'))).toBeGreaterThan(Number(before?.['EditSequence']));
    expect(field(after, 'Phone')).toBe('555');
  });

  it('§10.12 rejects a Mod with a stale EditSequence with 3200 and returns the current record', async () => {
    const c = company();
    const id = c.userAddList('Customer', { Name: 'A' });
    const stale = String(c.getRet(id)?.['EditSequence']);
    c.advance(1000);
    c.userEdit(id, { Phone: 'changed in QuickBooks' });
    const r = await one(
      c,
      `<CustomerModRq><CustomerMod><ListID>${id}</ListID><EditSequence>${stale}</EditSequence><Phone>ours</Phone></CustomerMod></CustomerModRq>`,
    );
    expect(r.attrs).toMatchObject({ statusCode: '3200', statusSeverity: 'Error' });
    expect(r.attrs['statusMessage']?.trim()).toBe(`The provided edit sequence "${stale}" is out-of-date.`);
    expect(field(rets(r.node, 'CustomerRet')[0], 'Phone')).toBe('changed in QuickBooks');
  });

  it('§10.13 3100 when a customer name collides (case-insensitively) with a vendor or other name; jobs collide only under one parent', async () => {
    const c = company();
    c.userAddList('Vendor', { Name: 'Acme' });
    const add = await one(c, addCustomer('ACME'));
    expect(add.attrs).toMatchObject({ statusCode: '3100', statusMessage: 'The name "ACME" of the list element is already in use.' });
    expect((await one(c, addCustomer('Dana Accountant'))).attrs['statusCode']).toBe('3100');
    c.userAddList('Customer', { Name: 'P1' });
    c.userAddList('Customer', { Name: 'P2' });
    const job = (parent: string): string => addCustomer('Website', `<ParentRef><FullName>${parent}</FullName></ParentRef>`);
    expect((await one(c, job('P1'))).attrs['statusCode']).toBe('0');
    expect((await one(c, job('P2'))).attrs['statusCode']).toBe('0');
    expect((await one(c, job('P1'))).attrs['statusCode']).toBe('3100');
    expect((await one(c, job('P2'))).attrs['statusCode']).toBe('3100');
    const b = c.userAddList('Customer', { Name: 'B' });
    const mod = await one(
      c,
      `<CustomerModRq><CustomerMod><ListID>${b}</ListID><EditSequence>${String(c.getRet(b)?.['EditSequence'])}</EditSequence><Name>p1</Name></CustomerMod></CustomerModRq>`,
    );
    expect(mod.attrs).toMatchObject({ statusCode: '3100', statusMessage: 'The name "p1" is already taken.' });
  });

  it('§10.14 3100 for an item name already used by another item type', async () => {
    const c = company();
    c.userAddList('ItemService', { Name: 'Widget', SalesOrPurchase: { Price: '1.00', AccountRef: { FullName: 'Sales' } } });
    const r = await one(
      c,
      '<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>widget</Name><SalesOrPurchase><Price>2.00</Price><AccountRef><FullName>Sales</FullName></AccountRef></SalesOrPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>',
    );
    expect(r.attrs['statusCode']).toBe('3100');
  });

  it('§10.15 builds job FullName Parent:Job with Sublevel and renames descendants with their parent', async () => {
    const c = company();
    const p = c.userAddList('Customer', { Name: 'Acme Corp' });
    const j = c.userAddList('Customer', { Name: 'Website', ParentRef: { FullName: 'Acme Corp' } });
    const sub = c.userAddList('Customer', { Name: 'Phase 2', ParentRef: { ListID: j } });
    expect(c.getRet(sub)).toMatchObject({ FullName: 'Acme Corp:Website:Phase 2', Sublevel: '2', ParentRef: { ListID: j, FullName: 'Acme Corp:Website' } });
    c.userEdit(p, { Name: 'Acme Inc' });
    expect(c.getRet(sub)?.['FullName']).toBe('Acme Inc:Website:Phase 2');
    const q = await one(c, '<CustomerQueryRq><FullName>Acme Inc:Website</FullName></CustomerQueryRq>');
    expect(field(rets(q.node, 'CustomerRet')[0], 'Sublevel')).toBe('1');
  });

  it('§10.16 answers 3140 for a reference to a missing record and 3120 for a Mod of a missing ListID', async () => {
    const c = company();
    const r = await one(c, '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Joe Smith</FullName></CustomerRef></InvoiceAdd></InvoiceAddRq>');
    expect(r.attrs).toMatchObject({
      statusCode: '3140',
      statusMessage:
        'There is an invalid reference to QuickBooks Customer "Joe Smith" in the Invoice.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
    });
    const m = await one(c, '<CustomerModRq><CustomerMod><ListID>80000099-1</ListID><EditSequence>1</EditSequence></CustomerMod></CustomerModRq>');
    expect(m.attrs['statusCode']).toBe('3120');
    expect(c.count('Invoice')).toBe(0);
  });

  it('§10.17 list queries default to ActiveOnly and support InactiveOnly and All', async () => {
    const c = company();
    c.userAddList('Customer', { Name: 'Active' });
    c.userMakeInactive(c.userAddList('Customer', { Name: 'Gone' }));
    const names = async (filter: string): Promise<(string | undefined)[]> =>
      rets((await one(c, `<CustomerQueryRq>${filter}</CustomerQueryRq>`)).node, 'CustomerRet').map((r) => field(r, 'Name'));
    expect(await names('')).toEqual(['Active']);
    expect(await names('<ActiveStatus>InactiveOnly</ActiveStatus>')).toEqual(['Gone']);
    expect(await names('<ActiveStatus>All</ActiveStatus>')).toEqual(['Active', 'Gone']);
  });

  it('§10.18 FromModifiedDate/ToModifiedDate compare inclusively on local wall-clock time; an offset is read as the standard offset', async () => {
    const c = new QuickBooksCompany({ now: new Date('2024-07-01T14:00:00Z') }); // 10:00 EDT wall clock
    c.userAddList('Customer', { Name: 'Summer' });
    const count = async (filter: string): Promise<number> => rets((await one(c, `<CustomerQueryRq>${filter}</CustomerQueryRq>`)).node, 'CustomerRet').length;
    expect(await count('<FromModifiedDate>2024-07-01T10:00:00</FromModifiedDate>')).toBe(1);
    expect(await count('<FromModifiedDate>2024-07-01T10:00:01</FromModifiedDate>')).toBe(0);
    expect(await count('<ToModifiedDate>2024-07-01T10:00:00</ToModifiedDate>')).toBe(1);
    // Echoing the printed TimeModified (wall clock + DST-ignoring -05:00) finds the record again (qbxml.md §2.4).
    expect(await count('<FromModifiedDate>2024-07-01T10:00:00-05:00</FromModifiedDate>')).toBe(1);
    // With the true EDT offset QuickBooks reads the value an hour EARLIER (10:30-04:00 → 09:30 wall clock).
    expect(await count('<FromModifiedDate>2024-07-01T10:30:00</FromModifiedDate>')).toBe(0);
    expect(await count('<FromModifiedDate>2024-07-01T10:30:00-04:00</FromModifiedDate>')).toBe(1);
    expect(await count('<NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>sum</Name></NameFilter>')).toBe(1);
  });
});
