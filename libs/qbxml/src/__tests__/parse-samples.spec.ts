import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseQbxmlResponse, type QbxmlResponse, type QbxmlResponseMessage } from '../index.js';
import { samplesRoot } from './paths.js';

const sample = (rel: string): string => readFileSync(path.join(samplesRoot, rel), 'utf8');

function parsed(xml: string): QbxmlResponseMessage {
  const r = parseQbxmlResponse(xml);
  if (!r.ok) throw r.error;
  return r.value;
}

function only(xml: string): QbxmlResponse {
  const [first, ...rest] = parsed(xml).responses;
  expect(rest).toHaveLength(0);
  if (first === undefined) throw new Error('no response');
  return first;
}

/** recorded/fragments.xml holds several documents; take each <QBXML>…</QBXML> holding a response. */
function fragments(): string[] {
  const text = sample('recorded/fragments.xml');
  const docs: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('<QBXML>', from);
    if (start === -1) break;
    const end = text.indexOf('</QBXML>', start) + '</QBXML>'.length;
    const doc = text.slice(start, end);
    if (doc.includes('QBXMLMsgsRs')) docs.push(doc);
    from = end;
  }
  return docs;
}

/** flowlink *_raw.xml are receiveResponseXML SOAP bodies: the qbXML is the escaped text of <response>. */
function soapResponseText(rel: string): string {
  const soap: unknown = new XMLParser({ removeNSPrefix: true, parseTagValue: false, processEntities: true }).parse(sample(rel));
  const body = (soap as { Envelope: { Body: { receiveResponseXML: { response: string } } } }).Envelope.Body.receiveResponseXML;
  return body.response;
}

describe('parseQbxmlResponse on recorded QuickBooks responses', () => {
  const docs = fragments();

  it('3200 stale EditSequence: an error status that still carries the current CustomerRet to re-apply on', () => {
    const r = only(docs[0] ?? '');
    expect(r).toMatchObject({
      kind: 'CustomerMod',
      requestID: '0',
      statusCode: 3200,
      statusSeverity: 'Error',
      action: 're-read-and-retry',
      retType: 'customer',
    });
    expect(r.statusMessage).toBe('The provided edit sequence "1272664823" is out-of-date.');
    expect(r.rets[0]).toMatchObject({
      ListID: '80000003-1271969969',
      EditSequence: '1272665327',
      Name: 'John Hancock qb',
      IsActive: true,
      Sublevel: 0,
      Balance: 0,
      BillAddress: { Addr1: '2124 SE Belmont', City: 'Portland', State: 'OR', PostalCode: '97214' },
    });
  });

  it('530 warning is applied as success with the saved record', () => {
    const r = only(docs[1] ?? '');
    expect(r).toMatchObject({ statusCode: 530, statusSeverity: 'Warn', action: 'ok', retType: 'customer' });
    expect(r.rets).toHaveLength(1);
  });

  it('3100 duplicate names, two responses in one message keep request order', () => {
    expect(only(docs[2] ?? '')).toMatchObject({ kind: 'CustomerAdd', statusCode: 3100, rets: [], action: 're-read-and-retry' });
    const two = parsed(docs[4] ?? '').responses;
    expect(two.map((r) => [r.requestID, r.statusCode])).toEqual([
      ['0', 3100],
      ['1', 3100],
    ]);
  });

  it('ListDelRs is reported as an unmapped response type with its children counted', () => {
    expect(only(docs[5] ?? '')).toMatchObject({ kind: 'ListDel', retType: 'other', statusCode: 0, rets: [] });
  });

  it('iterator page carries iteratorID and the remaining count, amounts in cents', () => {
    const r = only(docs[6] ?? '');
    expect(r).toMatchObject({ iteratorID: '{6b474085-9943-46e2-ad71-d0a5aba9e948}', iteratorRemainingCount: 1, retType: 'customer' });
    expect(r.rets[0]).toMatchObject({ Name: "Builder's Supply LLC", Balance: 233400, TotalBalance: 233400, TermsRef: { FullName: 'Net 10' } });
  });

  it('InvoiceQueryRs with lines and an ItemQueryRs in one message', () => {
    const [inv, items] = parsed(docs[7] ?? '').responses;
    expect(inv?.retType).toBe('invoice');
    if (inv?.retType !== 'invoice') return;
    const invoice = inv.rets[0];
    expect(invoice).toMatchObject({
      TxnID: '7-1274221220',
      TxnNumber: 3,
      RefNumber: '3',
      Subtotal: 1000,
      BalanceRemaining: 1000,
      IsPaid: false,
      CustomerRef: { FullName: 'Harold R2' },
    });
    expect(invoice?.lines).toEqual([
      expect.objectContaining({
        lineType: 'item',
        TxnLineID: '9-1274221220',
        Quantity: 1,
        Rate: '10.00',
        Amount: 1000,
        ItemRef: { ListID: '80000002-1273542783', FullName: 'Services Rendered' },
      }),
    ]);
    expect(items).toMatchObject({
      retType: 'item',
      rets: [{ itemType: 'Service', Name: 'Awesome', SalesOrPurchase: { Price: '0.00', AccountRef: { FullName: 'Payroll Expenses' } } }],
    });
  });

  it('qbxml-gem CustomerQueryRs / CustomerAddRs / ItemInventoryAddRs / SalesReceiptAddRs', () => {
    const q = only(sample('qbxml-gem/customer_query_rs.xml'));
    expect(q.retType).toBe('customer');
    expect(q.rets.length).toBeGreaterThan(0);
    const add = only(sample('qbxml-gem/customer_add_rs.xml'));
    expect(add).toMatchObject({
      requestID: '15',
      rets: [{ ListID: 'F540000-1197683154', Name: '20706 - Eastern XYZ University', BillAddress: { Country: 'USA', PostalCode: '88130' } }],
    });
    const inv = only(sample('qbxml-gem/item_inventory_add_rs.xml'));
    expect(inv).toMatchObject({ retType: 'item', rets: [{ itemType: 'Inventory' }] });
    expect(only(sample('qbxml-gem/sales_receipt_add_rs.xml'))).toMatchObject({ retType: 'salesReceipt', rets: [{ TxnID: '141CA5-1231522949' }] });
  });

  it('qbxml-gem PurchaseOrderQueryRs (last page on Start) and AccountQueryRs parse as unmapped types', () => {
    expect(only(sample('qbxml-gem/purchase_order_query_rs.xml'))).toMatchObject({ retType: 'other', iteratorRemainingCount: 0 });
    expect(only(sample('qbxml-gem/account_query_rs.xml'))).toMatchObject({ retType: 'other', statusCode: 0 });
  });

  it('flowlink raw QBWC bodies: inventory pages, several Rs without requestID, status 1 and 3140', () => {
    const page = only(soapResponseText('flowlink/item_inventory_query_rs_raw.xml'));
    expect(page).toMatchObject({ kind: 'ItemInventoryQuery', retType: 'item', statusCode: 0 });
    expect(page.requestID).toBeUndefined();
    expect(page.rets.length).toBeGreaterThan(1);
    expect(page.rets.every((r) => 'itemType' in r && r.itemType === 'Inventory')).toBe(true);
    const so = parsed(soapResponseText('flowlink/sales_order_add_rs_raw.xml')).responses;
    expect(so.map((r) => r.kind)).toEqual(['ItemInventoryQuery', 'ItemInventoryQuery', 'SalesOrderAdd', 'SalesOrderAdd']);
  });
});
