// Sales receipts, credit memos, sales orders, LinkedTxn chains, per-line sales tax and voids (qbxml.md §4.7–§4.9, §5.5, §5.7).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineIds, smallBooks } from './books-fixture.js';
import { QuickBooksCompany } from '../company/quickbooks-company.js';
import { field, msg, one, responses, rets } from './qbxml-test-helpers.js';

const XSD = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..', '..', 'shared', 'reference', 'data', 'qbxml', 'xsd13', 'qbxmlops130.xsd');
const docAdd = (kind: string, customer: string, lines: string, header = ''): string =>
  `<${kind}AddRq><${kind}Add><CustomerRef><ListID>${customer}</ListID></CustomerRef>${header}${lines}</${kind}Add></${kind}AddRq>`;
const line = (kind: string, item: string, qty: string, rate: string, tax?: string): string =>
  `<${kind}LineAdd><ItemRef><ListID>${item}</ListID></ItemRef><Quantity>${qty}</Quantity><Rate>${rate}</Rate>${tax ? `<SalesTaxCodeRef><FullName>${tax}</FullName></SalesTaxCodeRef>` : ''}</${kind}LineAdd>`;
const TAX_ITEM = '<ItemSalesTaxRef><FullName>NY State Tax</FullName></ItemSalesTaxRef>';

describe('sales documents', () => {
  it('per-line tax codes: only TAX lines are taxed, and Subtotal + SalesTaxTotal = TotalAmount to the cent', async () => {
    const { c, customer, service, gadget } = smallBooks();
    const rs = await one(
      c,
      docAdd('SalesReceipt', customer, line('SalesReceipt', service, '1', '100.00', 'Non') + line('SalesReceipt', gadget, '3', '19.99', 'Tax'), TAX_ITEM),
    );
    const r = rets(rs.node, 'SalesReceiptRet')[0];
    // 59.97 × 8.875 % = 5.3223… → 5.32
    expect([field(r, 'Subtotal'), field(r, 'SalesTaxPercentage'), field(r, 'SalesTaxTotal'), field(r, 'TotalAmount')]).toEqual([
      '159.97',
      '8.875',
      '5.32',
      '165.29',
    ]);
    expect(rets(r ?? {}, 'SalesReceiptLineRet').map((l) => field(l, 'SalesTaxCodeRef', 'FullName'))).toEqual(['Non', 'Tax']);
    expect(field(r, 'DepositToAccountRef', 'FullName')).toBe('Undeposited Funds');
  });

  it('a credit memo has TotalAmount and CreditRemaining; applying it through a payment lowers both balances', async () => {
    const { c, customer, service } = smallBooks();
    const inv = c.userAddTxn('Invoice', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: service }, Quantity: '1', Rate: '100.00' }]);
    const rs = await one(c, docAdd('CreditMemo', customer, line('CreditMemo', service, '1', '30.00')));
    const memo = rets(rs.node, 'CreditMemoRet')[0];
    expect([field(memo, 'TotalAmount'), field(memo, 'CreditRemaining')]).toEqual(['30.00', '30.00']);
    const memoId = field(memo, 'TxnID') ?? '';
    c.sales.receivePayment({
      CustomerRef: { ListID: customer },
      TotalAmount: '70.00',
      AppliedToTxnAdd: [{ TxnID: inv, PaymentAmount: '70.00', SetCredit: [{ CreditTxnID: memoId, AppliedAmount: '30.00' }] }],
    });
    expect(c.getRet(inv)).toMatchObject({ BalanceRemaining: '0.00', IsPaid: 'true' });
    expect(c.getRet(memoId)).toMatchObject({ CreditRemaining: '0.00' });
  });

  it('a sales order invoiced in two parts: Invoiced per line, IsFullyInvoiced only at the end, LinkedTxn on both sides', async () => {
    const { c, customer, gadget } = smallBooks();
    const so = field(rets((await one(c, docAdd('SalesOrder', customer, line('SalesOrder', gadget, '10', '19.99')))).node, 'SalesOrderRet')[0], 'TxnID') ?? '';
    const soLine = lineIds(c, so)[0] ?? '';
    const first = c.sales.invoiceFrom(so, { lines: [{ TxnLineID: soLine, Quantity: '4' }] });
    expect(c.getRet(first)).toMatchObject({ Subtotal: '79.96' });
    const half = await one(
      c,
      `<SalesOrderQueryRq><TxnID>${so}</TxnID><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></SalesOrderQueryRq>`,
    );
    const order = rets(half.node, 'SalesOrderRet')[0];
    expect(field(order, 'IsFullyInvoiced')).toBe('false');
    expect(field(rets(order ?? {}, 'SalesOrderLineRet')[0], 'Invoiced')).toBe('4');
    expect(order?.['LinkedTxn']).toMatchObject({ TxnID: first, TxnType: 'Invoice', LinkType: 'QUANTYPE' });
    const rest = await one(
      c,
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><ListID>${customer}</ListID></CustomerRef><LinkToTxnID>${so}</LinkToTxnID></InvoiceAdd></InvoiceAddRq>`,
    );
    const second = field(rets(rest.node, 'InvoiceRet')[0], 'TxnID') ?? '';
    expect(c.getRet(second)).toMatchObject({ Subtotal: '119.94' });
    expect(c.getRet(so)).toMatchObject({ IsFullyInvoiced: 'true' });
    const inv = await one(c, `<InvoiceQueryRq><TxnID>${second}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>`);
    expect(rets(inv.node, 'InvoiceRet')[0]?.['LinkedTxn']).toMatchObject({ TxnID: so, TxnType: 'SalesOrder', LinkType: 'QUANTYPE', Amount: '119.94' });
    // Nothing is left to invoice: an empty transaction (3180).
    const again = await one(
      c,
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><ListID>${customer}</ListID></CustomerRef><LinkToTxnID>${so}</LinkToTxnID></InvoiceAdd></InvoiceAddRq>`,
    );
    expect(again.attrs['statusCode']).toBe('3180');
  });

  it('an invoice made from an estimate links both ways; LinkedTxn appears only with IncludeLinkedTxns', async () => {
    const { c, customer, service } = smallBooks();
    const est = c.userAddTxn('Estimate', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: service }, Quantity: '2', Rate: '100.00' }]);
    const inv = c.sales.invoiceFrom(est);
    const plain = await one(c, `<EstimateQueryRq><TxnID>${est}</TxnID></EstimateQueryRq>`);
    expect(rets(plain.node, 'EstimateRet')[0]?.['LinkedTxn']).toBeUndefined();
    const linked = await one(c, `<EstimateQueryRq><TxnID>${est}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></EstimateQueryRq>`);
    expect(rets(linked.node, 'EstimateRet')[0]?.['LinkedTxn']).toMatchObject({ TxnID: inv, TxnType: 'Invoice', Amount: '200.00' });
    c.variants = { ...c.variants, invoiceLinksEstimate: false };
    const est2 = c.userAddTxn('Estimate', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: service }, Quantity: '1', Rate: '5.00' }]);
    const refused = await one(
      c,
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><ListID>${customer}</ListID></CustomerRef><LinkToTxnID>${est2}</LinkToTxnID></InvoiceAdd></InvoiceAddRq>`,
    );
    expect(refused.attrs['statusSeverity']).toBe('Error');
  });

  it('the same LinkToTxnID twice answers 3177; the same TxnID as a whole and a line link answers 3000', async () => {
    const { c, customer, gadget } = smallBooks();
    const so = c.userAddTxn('SalesOrder', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: gadget }, Quantity: '1', Rate: '1.00' }]);
    const head = `<CustomerRef><ListID>${customer}</ListID></CustomerRef>`;
    expect(
      (await one(c, `<InvoiceAddRq><InvoiceAdd>${head}<LinkToTxnID>${so}</LinkToTxnID><LinkToTxnID>${so}</LinkToTxnID></InvoiceAdd></InvoiceAddRq>`)).attrs[
        'statusCode'
      ],
    ).toBe('3177');
    const lineLink = `<InvoiceLineAdd><LinkToTxn><TxnID>${so}</TxnID><TxnLineID>${lineIds(c, so)[0] ?? ''}</TxnLineID></LinkToTxn></InvoiceLineAdd>`;
    expect((await one(c, `<InvoiceAddRq><InvoiceAdd>${head}<LinkToTxnID>${so}</LinkToTxnID>${lineLink}</InvoiceAdd></InvoiceAddRq>`)).attrs['statusCode']).toBe(
      '3000',
    );
  });

  it('a voided sales receipt stays queryable with zero amounts and a VOID: memo, and is not in TxnDeletedQuery', async () => {
    const { c, customer, service } = smallBooks();
    const sr = c.userAddTxn('SalesReceipt', { CustomerRef: { ListID: customer }, Memo: 'cash' }, [
      { ItemRef: { ListID: service }, Quantity: '1', Rate: '100.00' },
    ]);
    const rs = await one(c, `<TxnVoidRq><TxnVoidType>SalesReceipt</TxnVoidType><TxnID>${sr}</TxnID></TxnVoidRq>`);
    expect(field(rs.node, 'TxnID')).toBe(sr);
    expect(c.getRet(sr)).toMatchObject({ TotalAmount: '0.00', Memo: 'VOID: cash' });
    expect((await one(c, '<TxnDeletedQueryRq><TxnDelType>SalesReceipt</TxnDelType></TxnDeletedQueryRq>')).attrs['statusCode']).toBe('1');
  });

  it('the §5.5 schema limits hold: no IncludeLinkedTxns on SalesReceiptQuery, no TxnVoid of a sales order', async () => {
    const { c } = smallBooks();
    expect((await c.processRequest(msg('<SalesReceiptQueryRq><IncludeLinkedTxns>true</IncludeLinkedTxns></SalesReceiptQueryRq>'))).ok).toBe(false);
    expect((await c.processRequest(msg('<TxnVoidRq><TxnVoidType>SalesOrder</TxnVoidType><TxnID>1-1</TxnID></TxnVoidRq>'))).ok).toBe(false);
  });

  it('SalesOrderMod changes the order with the current EditSequence and answers 3200 with a stale one (§6, §10 item 12)', async () => {
    const { c, customer, gadget } = smallBooks();
    const so = c.userAddTxn('SalesOrder', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: gadget }, Quantity: '1', Rate: '1.00' }]);
    const es = String(c.getRet(so)?.['EditSequence']);
    const mod = (editSequence: string) =>
      one(
        c,
        `<SalesOrderModRq><SalesOrderMod><TxnID>${so}</TxnID><EditSequence>${editSequence}</EditSequence><Memo>x</Memo></SalesOrderMod></SalesOrderModRq>`,
      );
    expect((await mod(es)).attrs['statusCode']).toBe('0');
    expect(c.getRet(so)?.['Memo']).toBe('x');
    expect((await mod(es)).attrs['statusCode']).toBe('3200');
  });

  it('a known request the emulator does not model (ChargeQuery) gets 1030', async () => {
    const { c } = smallBooks();
    expect((await one(c, '<ChargeQueryRq></ChargeQueryRq>')).attrs['statusCode']).toBe('1030');
  });

  it.skipIf(!existsSync(XSD))(
    'the reference files of §9: good_payments_dataext.xml is answered request by request, bad_payments_dataext.xml fails whole',
    async () => {
      const dir = path.dirname(path.dirname(XSD));
      const c = new QuickBooksCompany();
      const good = responses(await c.processRequest(readFileSync(path.join(dir, 'validation', 'good_payments_dataext.xml'), 'latin1')));
      expect(good.map((r) => r.name)).toContain('DataExtDefAddRs');
      expect(good.find((r) => r.name === 'DataExtDefAddRs')?.attrs['statusCode']).toBe('0');
      expect(good.every((r) => r.attrs['statusCode'] !== '1030')).toBe(true);
      expect((await c.processRequest(readFileSync(path.join(dir, 'validation', 'bad_payments_dataext.xml'), 'latin1'))).ok).toBe(false);
    },
  );

  const xmllint = ['/usr/bin/xmllint', '/usr/local/bin/xmllint'].find((p) => existsSync(p));
  it.skipIf(xmllint === undefined || !existsSync(XSD))('every new request and response validates against the qbXML 13.0 XSD (xmllint)', async () => {
    const { c, customer, service, gadget } = smallBooks();
    c.sales.defineCustomField('Region', ['Customer', 'Item', 'Invoice']);
    c.sales.setCustomField(customer, 'Region', 'North');
    const so = c.userAddTxn('SalesOrder', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: gadget }, Quantity: '3', Rate: '19.99' }]);
    const inv = c.sales.invoiceFrom(so, { lines: [{ TxnLineID: lineIds(c, so)[0] ?? '', Quantity: '1' }] });
    c.sales.setCustomField(inv, 'Region', 'East', { txnLineId: lineIds(c, inv)[0] ?? '' });
    const memo = c.userAddTxn('CreditMemo', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: service }, Quantity: '1', Rate: '5.00' }]);
    const requests =
      `${docAdd('SalesReceipt', customer, line('SalesReceipt', gadget, '2', '19.99', 'Tax'), TAX_ITEM)}` +
      `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><ListID>${customer}</ListID></CustomerRef><TotalAmount>10.00</TotalAmount><AppliedToTxnAdd><TxnID>${inv}</TxnID><PaymentAmount>10.00</PaymentAmount><SetCredit><CreditTxnID>${memo}</CreditTxnID><AppliedAmount>5.00</AppliedAmount></SetCredit></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>` +
      '<DataExtDefAddRq><DataExtDefAdd><OwnerID>0</OwnerID><DataExtName>B24 Deal ID</DataExtName><DataExtType>STR255TYPE</DataExtType><AssignToObject>Invoice</AssignToObject></DataExtDefAdd></DataExtDefAddRq>' +
      `<DataExtAddRq><DataExtAdd><OwnerID>0</OwnerID><DataExtName>B24 Deal ID</DataExtName><TxnDataExtType>Invoice</TxnDataExtType><TxnID>${inv}</TxnID><DataExtValue>4711</DataExtValue></DataExtAdd></DataExtAddRq>` +
      `<DataExtModRq><DataExtMod><OwnerID>0</OwnerID><DataExtName>B24 Deal ID</DataExtName><TxnDataExtType>Invoice</TxnDataExtType><TxnID>${inv}</TxnID><DataExtValue>4712</DataExtValue></DataExtMod></DataExtModRq>` +
      '<DataExtDefQueryRq><OwnerID>0</OwnerID></DataExtDefQueryRq>' +
      `<CustomerQueryRq><ListID>${customer}</ListID><OwnerID>0</OwnerID></CustomerQueryRq>` +
      '<InvoiceQueryRq><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns><OwnerID>0</OwnerID></InvoiceQueryRq>' +
      '<SalesOrderQueryRq iterator="Start"><MaxReturned>10</MaxReturned><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></SalesOrderQueryRq>' +
      '<SalesReceiptQueryRq><IncludeLineItems>true</IncludeLineItems></SalesReceiptQueryRq>' +
      '<CreditMemoQueryRq><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></CreditMemoQueryRq>' +
      '<ReceivePaymentQueryRq><IncludeLineItems>true</IncludeLineItems><OwnerID>0</OwnerID></ReceivePaymentQueryRq>' +
      `<DataExtDelRq><DataExtDel><OwnerID>0</OwnerID><DataExtName>Region</DataExtName><ListDataExtType>Customer</ListDataExtType><ListObjRef><ListID>${customer}</ListID></ListObjRef></DataExtDel></DataExtDelRq>` +
      `<TxnVoidRq><TxnVoidType>Invoice</TxnVoidType><TxnID>${inv}</TxnID></TxnVoidRq>` +
      '<TxnDeletedQueryRq><TxnDelType>ReceivePayment</TxnDelType><TxnDelType>SalesReceipt</TxnDelType><TxnDelType>CreditMemo</TxnDelType><TxnDelType>SalesOrder</TxnDelType></TxnDeletedQueryRq>';
    const request = msg(requests, 'continueOnError');
    const res = await c.processRequest(request);
    if (!res.ok) throw new Error(res.message);
    expect(res.response).not.toMatch(/statusSeverity="Error"/);
    const dir = mkdtempSync(path.join(tmpdir(), 'qbemu-docs-'));
    try {
      const files = [path.join(dir, 'rq.xml'), path.join(dir, 'rs.xml')];
      writeFileSync(files[0] ?? '', request);
      writeFileSync(files[1] ?? '', res.response);
      const out = execFileSync(xmllint ?? 'xmllint', ['--noout', '--schema', XSD, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
