// SalesReceiptRet / CreditMemoRet parsing (qbxml.md §4.7, §4.8, §4.9): reviewed response files, XSD-checked.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQbxmlResponse, type QbxmlResponse } from '../index.js';
import { goldenRoot, samplesRoot, xsdPath } from './paths.js';

const responsesRoot = path.join(goldenRoot, 'responses');

function only(xml: string): QbxmlResponse {
  const r = parseQbxmlResponse(xml);
  if (!r.ok) throw r.error;
  const [first] = r.value.responses;
  if (first === undefined) throw new Error('no response');
  return first;
}

interface Case {
  readonly name: string;
  readonly file: string;
  readonly retType: QbxmlResponse['retType'];
  readonly expected: Record<string, unknown>;
  /** each line as [lineType, ItemRef FullName or group name, Amount or TotalAmount in cents, member count] */
  readonly lines: readonly (readonly [string, string | undefined, number | undefined, number])[];
}

// biome-ignore format: one case per block keeps the table scannable
const CASES: readonly Case[] = [
  {
    name: 'a recorded SalesReceiptAddRs: lines with Non tax codes, TotalAmount, no LinkedTxn',
    file: path.join(samplesRoot, 'qbxml-gem', 'sales_receipt_add_rs.xml'),
    retType: 'salesReceipt',
    expected: { TxnID: '141CA5-1231522949', RefNumber: '16466', Subtotal: 15000, SalesTaxPercentage: '5.00', SalesTaxTotal: 0, TotalAmount: 15000, IsPending: true, DepositToAccountRef: { ListID: '960000-1129903123', FullName: '*Undeposited Funds' }, LinkedTxn: [] },
    lines: [['item', 'gift certificate', 15000, 0], ['item', 'Handling Item - QuickBooks Inte', 0, 0]],
  },
  {
    name: 'a sales receipt with a taxed and an untaxed line, check number and payment method',
    file: path.join(responsesRoot, 'sales-receipt-query-rs.xml'),
    retType: 'salesReceipt',
    expected: { TxnID: '2C1-1765200000', Subtotal: 15997, SalesTaxPercentage: '8.875', SalesTaxTotal: 532, TotalAmount: 16529, CheckNumber: '1044', PaymentMethodRef: { FullName: 'Check' }, Memo: 'cash' },
    lines: [['item', 'Consulting', 10000, 0], ['item', 'Gadget', 5997, 0]],
  },
  {
    name: 'a credit memo: TotalAmount, CreditRemaining, a payment in LinkedTxn, a group line and a description line in order',
    file: path.join(responsesRoot, 'credit-memo-query-rs.xml'),
    retType: 'creditMemo',
    expected: {
      TxnID: '2A1-1765000000', RefNumber: 'CM-7', Subtotal: 5997, SalesTaxTotal: 355, TotalAmount: 6352, CreditRemaining: 2500,
      ARAccountRef: { FullName: 'Accounts Receivable' }, CurrencyRef: { FullName: 'US Dollar' },
      LinkedTxn: [{ TxnID: '2B0-1765100000', TxnType: 'ReceivePayment', TxnDate: '2026-12-02', RefNumber: 'PMT-3', LinkType: 'AMTTYPE', Amount: -3852 }],
      DataExtRet: [{ OwnerID: '0', DataExtName: 'Reason', DataExtType: 'STR255TYPE', DataExtValue: 'Damaged' }],
    },
    lines: [['item', 'Gadget', 3998, 0], ['group', 'Starter kit', 1999, 1], ['item', undefined, undefined, 0]],
  },
];

describe('SalesReceiptRet and CreditMemoRet', () => {
  it('the response files validate against qbxmlops130.xsd', () => {
    const files = CASES.map((c) => c.file);
    let output: string;
    try {
      output = execFileSync('xmllint', ['--noout', '--schema', xsdPath, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      const failure = e as { stderr?: string; stdout?: string };
      output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    }
    expect(output.split('\n').filter((l) => l.trim() !== '' && !l.endsWith(' validates'))).toEqual([]);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const r = only(readFileSync(c.file, 'utf8'));
      expect(r.retType).toBe(c.retType);
      const [ret] = r.rets as readonly Record<string, unknown>[];
      expect(ret).toMatchObject(c.expected);
      const lines = (ret?.['lines'] ?? []) as readonly Record<string, unknown>[];
      expect(
        lines.map((l) =>
          l['lineType'] === 'group'
            ? ['group', (l['ItemGroupRef'] as { FullName?: string }).FullName, l['TotalAmount'], (l['lines'] as unknown[]).length]
            : ['item', (l['ItemRef'] as { FullName?: string } | undefined)?.FullName, l['Amount'], 0],
        ),
      ).toEqual(c.lines);
    });
  }

  it('line order stays with its own record when invoices and sales receipts share one message', () => {
    const invoice =
      '<InvoiceQueryRs statusCode="0" statusSeverity="Info"><InvoiceRet><TxnID>1-1</TxnID><TimeCreated>2026-12-01T10:00:00</TimeCreated><TimeModified>2026-12-01T10:00:00</TimeModified><EditSequence>1</EditSequence><CustomerRef><ListID>8-1</ListID></CustomerRef><TxnDate>2026-12-01</TxnDate>' +
      '<InvoiceLineGroupRet><TxnLineID>2-1</TxnLineID><ItemGroupRef><FullName>Kit</FullName></ItemGroupRef><IsPrintItemsInGroup>false</IsPrintItemsInGroup><TotalAmount>5.00</TotalAmount></InvoiceLineGroupRet>' +
      '<InvoiceLineRet><TxnLineID>3-1</TxnLineID><Amount>1.00</Amount></InvoiceLineRet></InvoiceRet></InvoiceQueryRs>';
    const receipt =
      '<SalesReceiptQueryRs statusCode="0" statusSeverity="Info"><SalesReceiptRet><TxnID>4-1</TxnID><TimeCreated>2026-12-01T10:00:00</TimeCreated><TimeModified>2026-12-01T10:00:00</TimeModified><EditSequence>1</EditSequence><CustomerRef><ListID>8-1</ListID></CustomerRef><TxnDate>2026-12-01</TxnDate>' +
      '<SalesReceiptLineGroupRet><TxnLineID>6-1</TxnLineID><ItemGroupRef><FullName>Kit</FullName></ItemGroupRef><IsPrintItemsInGroup>false</IsPrintItemsInGroup><TotalAmount>5.00</TotalAmount></SalesReceiptLineGroupRet>' +
      '<SalesReceiptLineRet><TxnLineID>5-1</TxnLineID><Amount>2.00</Amount></SalesReceiptLineRet></SalesReceiptRet></SalesReceiptQueryRs>';
    const r = parseQbxmlResponse(`<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>${invoice}${receipt}</QBXMLMsgsRs></QBXML>`);
    if (!r.ok) throw r.error;
    const order = r.value.responses.map((rs) => (rs.rets[0] as { lines: readonly { lineType: string }[] }).lines.map((l) => l.lineType));
    expect(order).toEqual([
      ['group', 'item'],
      ['group', 'item'],
    ]);
  });
});
