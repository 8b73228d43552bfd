// One test per behaviour of shared/reference/qbxml.md §10 "Emulator checklist" (item numbers in the names).
import { describe, expect, it } from 'vitest';
import { QuickBooksCompany } from '../company/quickbooks-company.js';
import { field, msg, one, responses, rets } from './qbxml-test-helpers.js';
import { PARSE_ERROR, addCustomer, company } from './checklist-fixture.js';

describe('QuickBooks company emulator — qbxml.md §10 checklist, §10.19 on', () => {
  it('§10.19 transaction queries filter by ModifiedDateRangeFilter, EntityFilter with children and PaidStatus', async () => {
    const c = company();
    const p = c.userAddList('Customer', { Name: 'Parent' });
    const j = c.userAddList('Customer', { Name: 'Job', ParentRef: { ListID: p } });
    const item = c.userAddList('ItemService', { Name: 'Svc', SalesOrPurchase: { Price: '10.00', AccountRef: { FullName: 'Services' } } });
    const i1 = c.userAddTxn('Invoice', { CustomerRef: { ListID: p } }, [{ ItemRef: { ListID: item }, Quantity: '1', Rate: '10.00' }]);
    c.advance(86_400_000);
    c.userAddTxn('Invoice', { CustomerRef: { ListID: j } }, [{ ItemRef: { ListID: item }, Quantity: '1', Rate: '10.00' }]);
    c.userReceivePayment(i1, '10.00', false);
    const refs = async (filter: string): Promise<number> => rets((await one(c, `<InvoiceQueryRq>${filter}</InvoiceQueryRq>`)).node, 'InvoiceRet').length;
    expect(await refs('<EntityFilter><FullName>Parent</FullName></EntityFilter>')).toBe(1);
    expect(await refs('<EntityFilter><FullNameWithChildren>Parent</FullNameWithChildren></EntityFilter>')).toBe(2);
    expect(await refs('<ModifiedDateRangeFilter><FromModifiedDate>2024-03-02</FromModifiedDate></ModifiedDateRangeFilter>')).toBe(1);
    expect(await refs('<PaidStatus>PaidOnly</PaidStatus>')).toBe(1);
    expect(await refs('<PaidStatus>NotPaidOnly</PaidStatus>')).toBe(1);
  });

  it('§10.20 returns lines only with IncludeLineItems, DataExtRet only for requested OwnerIDs, only IncludeRetElement children', async () => {
    const c = company();
    const cust = c.userAddList('Customer', {
      Name: 'A',
      Phone: '1',
      DataExtRet: [{ OwnerID: '0', DataExtName: 'Color', DataExtType: 'STR255TYPE', DataExtValue: 'Blue' }],
    });
    const item = c.userAddList('ItemService', { Name: 'Svc', SalesOrPurchase: { Price: '10.00', AccountRef: { FullName: 'Services' } } });
    c.userAddTxn('Invoice', { CustomerRef: { ListID: cust } }, [{ ItemRef: { ListID: item }, Quantity: '1' }]);
    expect(rets(rets((await one(c, '<InvoiceQueryRq/>')).node, 'InvoiceRet')[0] ?? {}, 'InvoiceLineRet')).toHaveLength(0);
    expect(
      rets(rets((await one(c, '<InvoiceQueryRq><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>')).node, 'InvoiceRet')[0] ?? {}, 'InvoiceLineRet'),
    ).toHaveLength(1);
    expect(rets((await one(c, '<CustomerQueryRq/>')).node, 'CustomerRet')[0]?.['DataExtRet']).toBeUndefined();
    const withExt = rets((await one(c, '<CustomerQueryRq><OwnerID>0</OwnerID></CustomerQueryRq>')).node, 'CustomerRet')[0];
    expect(field(rets(withExt ?? {}, 'DataExtRet')[0], 'DataExtValue')).toBe('Blue');
    const only = rets(
      (await one(c, '<CustomerQueryRq><IncludeRetElement>ListID</IncludeRetElement><IncludeRetElement>Name</IncludeRetElement></CustomerQueryRq>')).node,
      'CustomerRet',
    )[0];
    expect(Object.keys(only ?? {})).toEqual(['ListID', 'Name']);
  });

  it('§10.21 answers status 1 (Info) for a query without matches', async () => {
    const r = await one(company(), '<CustomerQueryRq><NameFilter><MatchCriterion>Contains</MatchCriterion><Name>zzz</Name></NameFilter></CustomerQueryRq>');
    expect(r.attrs).toMatchObject({ statusCode: '1', statusSeverity: 'Info', statusMessage: 'A query request did not find a matching object in QuickBooks' });
  });

  it('§10.22 answers 500 (Warn) with the found objects when some ListIDs do not exist', async () => {
    const c = company();
    const a = c.userAddList('Customer', { Name: 'A' });
    const r = await one(c, `<CustomerQueryRq><ListID>${a}</ListID><ListID>80000FFF-1</ListID></CustomerQueryRq>`);
    expect(r.attrs).toMatchObject({ statusCode: '500', statusSeverity: 'Warn' });
    expect(rets(r.node, 'CustomerRet')).toHaveLength(1);
  });

  it('§10.23 iterators page a snapshot: Start returns MaxReturned with iteratorID/remaining count, Continue the rest', async () => {
    const c = company();
    for (const n of ['A', 'B', 'C', 'D', 'E']) c.userAddList('Customer', { Name: n });
    const start = await one(c, '<CustomerQueryRq requestID="1" iterator="Start"><MaxReturned>2</MaxReturned></CustomerQueryRq>');
    const id = start.attrs['iteratorID'] ?? '';
    expect(id).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(start.attrs['iteratorRemainingCount']).toBe('3');
    c.userAddList('Customer', { Name: 'AA' }); // added after Start: not in the snapshot
    const names: (string | undefined)[] = rets(start.node, 'CustomerRet').map((r) => field(r, 'Name'));
    for (let guard = 0; guard < 5; guard++) {
      const page = await one(c, `<CustomerQueryRq requestID="2" iterator="Continue" iteratorID="${id}"><MaxReturned>2</MaxReturned></CustomerQueryRq>`);
      expect(page.attrs['iteratorID']).toBe(id);
      names.push(...rets(page.node, 'CustomerRet').map((r) => field(r, 'Name')));
      if (page.attrs['iteratorRemainingCount'] === '0') break;
    }
    expect(names).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('§5.3 a Continue page is rendered as its Start asked: lines and linked transactions stay on every page', async () => {
    const c = company();
    const p = c.userAddList('Customer', { Name: 'Parent' });
    const item = c.userAddList('ItemService', { Name: 'Svc', SalesOrPurchase: { Price: '10.00', AccountRef: { FullName: 'Services' } } });
    for (let i = 0; i < 3; i++) c.userAddTxn('Invoice', { CustomerRef: { ListID: p } }, [{ ItemRef: { ListID: item }, Quantity: '1', Rate: '10.00' }]);
    const start = await one(
      c,
      '<InvoiceQueryRq iterator="Start"><MaxReturned>2</MaxReturned><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>',
    );
    const cont = await one(
      c,
      `<InvoiceQueryRq iterator="Continue" iteratorID="${start.attrs['iteratorID'] ?? ''}"><MaxReturned>2</MaxReturned></InvoiceQueryRq>`,
    );
    const pages = [...rets(start.node, 'InvoiceRet'), ...rets(cont.node, 'InvoiceRet')];
    expect(pages).toHaveLength(3);
    for (const inv of pages) expect(inv['InvoiceLineRet']).toBeDefined();
  });

  it('§10.24 iterators die with the session: Continue after closeSession is an error status', async () => {
    const c = company();
    for (const n of ['A', 'B', 'C']) c.userAddList('Customer', { Name: n });
    await c.openSession('');
    const start = await one(c, '<CustomerQueryRq iterator="Start"><MaxReturned>1</MaxReturned></CustomerQueryRq>');
    await c.closeSession();
    await c.openSession('');
    const cont = await one(
      c,
      `<CustomerQueryRq iterator="Continue" iteratorID="${start.attrs['iteratorID'] ?? ''}"><MaxReturned>1</MaxReturned></CustomerQueryRq>`,
    );
    expect(cont.attrs['statusSeverity']).toBe('Error');
    expect(rets(cont.node, 'CustomerRet')).toHaveLength(0);
  });

  it('§10.25 records deletions for ListDeletedQuery/TxnDeletedQuery and forbids iterators there', async () => {
    const c = company();
    const a = c.userAddList('Customer', { Name: 'Doomed' });
    c.advance(60_000);
    const del = await one(c, `<ListDelRq><ListDelType>Customer</ListDelType><ListID>${a}</ListID></ListDelRq>`);
    expect(del.attrs['statusCode']).toBe('0');
    const q = await one(
      c,
      '<ListDeletedQueryRq><ListDelType>Customer</ListDelType><DeletedDateRangeFilter><FromDeletedDate>2024-03-01T10:01:00</FromDeletedDate></DeletedDateRangeFilter></ListDeletedQueryRq>',
    );
    expect(rets(q.node, 'ListDeletedRet')[0]).toMatchObject({
      ListDelType: 'Customer',
      ListID: a,
      FullName: 'Doomed',
      TimeDeleted: '2024-03-01T10:01:00-05:00',
    });
    const t = c.userAddTxn('Estimate', { CustomerRef: { ListID: c.userAddList('Customer', { Name: 'B' }) }, RefNumber: 'E-1' }, [
      { Desc: 'x', Amount: '5.00' },
    ]);
    c.userDelete(t);
    const tq = await one(c, '<TxnDeletedQueryRq><TxnDelType>Estimate</TxnDelType></TxnDeletedQueryRq>');
    expect(rets(tq.node, 'TxnDeletedRet')[0]).toMatchObject({ TxnDelType: 'Estimate', TxnID: t, RefNumber: 'E-1' });
    expect(await c.processRequest(msg('<ListDeletedQueryRq iterator="Start"><ListDelType>Customer</ListDelType></ListDeletedQueryRq>'))).toEqual(PARSE_ERROR);
  });

  it('§10.26 computes invoice Subtotal, SalesTaxTotal, AppliedAmount, BalanceRemaining, IsPaid (no TotalAmount); estimates carry TotalAmount', async () => {
    const c = company();
    const cust = c.userAddList('Customer', { Name: 'A' });
    const svc = c.userAddList('ItemService', {
      Name: 'Svc',
      SalesTaxCodeRef: { FullName: 'Non' },
      SalesOrPurchase: { Price: '10.00', AccountRef: { FullName: 'Services' } },
    });
    const part = c.userAddList('ItemNonInventory', {
      Name: 'Part',
      SalesTaxCodeRef: { FullName: 'Tax' },
      SalesOrPurchase: { Price: '10.00', AccountRef: { FullName: 'Sales' } },
    });
    const lines = [
      { ItemRef: { ListID: svc }, Quantity: '2', Rate: '50.00' },
      { ItemRef: { ListID: part }, Quantity: '1', Rate: '100.00' },
    ];
    const inv = c.userAddTxn('Invoice', { CustomerRef: { ListID: cust }, ItemSalesTaxRef: { FullName: 'NY State Tax' } }, lines);
    expect(c.getRet(inv)).toMatchObject({
      Subtotal: '200.00',
      SalesTaxPercentage: '8.875',
      SalesTaxTotal: '8.88',
      AppliedAmount: '0.00',
      BalanceRemaining: '208.88',
      IsPaid: 'false',
    });
    expect(c.getRet(inv)?.['TotalAmount']).toBeUndefined();
    c.userReceivePayment(inv, '208.88');
    expect(c.getRet(inv)).toMatchObject({ AppliedAmount: '-208.88', BalanceRemaining: '0.00', IsPaid: 'true' });
    expect(c.getRet(cust)).toMatchObject({ Balance: '0.00' });
    const est = c.userAddTxn('Estimate', { CustomerRef: { ListID: cust } }, lines);
    expect(c.getRet(est)).toMatchObject({ Subtotal: '200.00', TotalAmount: '200.00', IsActive: 'true' });
  });

  it('§10.27 computes line Amount = Quantity × Rate with exactly two decimals', async () => {
    const c = company();
    c.userAddList('Customer', { Name: 'A' });
    c.userAddList('ItemService', { Name: 'Svc', SalesOrPurchase: { Price: '1.00', AccountRef: { FullName: 'Services' } } });
    const r = await one(
      c,
      '<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>A</FullName></CustomerRef><InvoiceLineAdd><ItemRef><FullName>Svc</FullName></ItemRef><Quantity>3</Quantity><Rate>33.335</Rate></InvoiceLineAdd><InvoiceLineAdd><Desc>flat</Desc><Amount>7</Amount></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>',
    );
    const ret = rets(r.node, 'InvoiceRet')[0];
    expect(rets(ret ?? {}, 'InvoiceLineRet').map((l) => field(l, 'Amount'))).toEqual(['100.01', '7.00']);
    expect(field(ret, 'Subtotal')).toBe('107.01');
  });

  it('§10.29 returns the full Ret on Add with computed FullName, Sublevel, Balance, TotalBalance, JobStatus and address block', async () => {
    const r = await one(
      company(),
      addCustomer('A', '<BillAddress><Addr1>1 Main</Addr1><City>Portland</City><State>OR</State><PostalCode>97214</PostalCode></BillAddress>'),
    );
    expect(rets(r.node, 'CustomerRet')[0]).toMatchObject({
      Name: 'A',
      FullName: 'A',
      IsActive: 'true',
      Sublevel: '0',
      Balance: '0.00',
      TotalBalance: '0.00',
      JobStatus: 'None',
      BillAddressBlock: { Addr1: '1 Main', Addr2: 'Portland, OR 97214' },
    });
  });

  it('§10.30 answers 3250 for estimates when the company does not use estimates', async () => {
    const c = new QuickBooksCompany({ preferences: { isUsingEstimates: false } });
    expect((await one(c, '<EstimateQueryRq/>')).attrs['statusCode']).toBe('3250');
  });

  it('§10.31 fault injection: status codes for the next N requests, HRESULTs, failing openSession, hangs until released', async () => {
    const c = company();
    c.failNext(1, { statusCode: 3180 });
    expect((await one(c, addCustomer('A'))).attrs).toMatchObject({ statusCode: '3180', statusSeverity: 'Error' });
    expect((await one(c, addCustomer('A'))).attrs['statusCode']).toBe('0');
    c.failNext(1, { hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' });
    expect(await c.processRequest(msg(addCustomer('B')))).toEqual(PARSE_ERROR);
    c.failNext(1, { hresult: '0x80040416', message: 'company file not open', on: 'openSession' });
    expect(await c.openSession('')).toMatchObject({ ok: false, hresult: '0x80040416' });
    expect(await c.openSession('')).toEqual({ ok: true });
    c.failNext(1, { hang: true });
    let settled = false;
    const pending = c.processRequest(msg(addCustomer('C'))).then((r) => {
      settled = true;
      return r;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(c.pendingHangs).toBe(1);
    c.releaseHangs();
    expect(responses(await pending)[0]?.attrs['statusCode']).toBe('0');
  });

  it('§10.32 stores text as ISO-8859-1: raw Latin-1 and references kept, references above 255 become ?, raw non-Latin-1 fails the message', async () => {
    const c = company();
    const r = await one(c, addCustomer('Café Zoë &#233; &#1046;'));
    expect(field(rets(r.node, 'CustomerRet')[0], 'Name')).toBe('Café Zoë é ?');
    expect(await c.processRequest(msg(addCustomer('Жуков')))).toEqual(PARSE_ERROR);
  });

  it('§10.33 hcpResponse carries Host, Company (FileID under the OwnerID) and Preferences answers with requestIDs 0,1,2', () => {
    const c = company();
    const rs = responses({ ok: true, response: c.hcpResponse('{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}', '{AAAAAAAA-1111-2222-3333-444444444444}') });
    expect(rs.map((r) => [r.name, r.attrs['requestID']])).toEqual([
      ['HostQueryRs', '0'],
      ['CompanyQueryRs', '1'],
      ['PreferencesQueryRs', '2'],
    ]);
    const ext = (rets(rs[1]?.node ?? {}, 'CompanyRet')[0]?.['DataExtRet'] ?? []) as Record<string, string>[];
    expect(ext).toContainEqual(
      expect.objectContaining({
        OwnerID: '{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}',
        DataExtName: 'FileID',
        DataExtValue: '{AAAAAAAA-1111-2222-3333-444444444444}',
      }),
    );
  });

  it('§10.35 never reuses a ListID after deletion', () => {
    const c = company();
    const a = c.userAddList('Customer', { Name: 'A' });
    c.userDelete(a);
    const b = c.userAddList('Customer', { Name: 'A' });
    expect(b).not.toBe(a);
  });

  it('openSession refuses another company file path (case-insensitive match allowed)', async () => {
    const c = company();
    expect(await c.openSession(c.companyFilePath.toUpperCase())).toEqual({ ok: true });
    expect(await c.openSession('C:\\Other.QBW')).toMatchObject({ ok: false, hresult: '0x80040408', message: 'Could not start QuickBooks.' });
  });

  it('answers a known but unmodelled request type with 1030 instead of failing the message', async () => {
    const r = await one(company(), '<AccountQueryRq requestID="1"/>');
    expect(r.attrs['statusCode']).toBe('1030');
  });

  it('logs every message set with the status codes it answered', async () => {
    const c = company();
    await c.processRequest(msg(addCustomer('A') + addCustomer('A', '', '2'), 'continueOnError'));
    await c.processRequest('not xml');
    expect(c.requestLog).toHaveLength(2);
    expect(c.requestLog[0]?.answers.map((a) => a.statusCode)).toEqual([0, 3100]);
    expect(c.requestLog[1]?.result).toEqual(PARSE_ERROR);
  });
});
