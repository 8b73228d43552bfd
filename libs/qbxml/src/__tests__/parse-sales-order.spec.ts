import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQbxmlResponse } from '../index.js';
import { xsdPath } from './paths.js';

// Constructed in SalesOrderRet's XSD order from the recorded SalesOrderAddRs (qbxml.md §8.10), invoiced in two
// parts; the first test proves the fixture is valid qbXML 13.0, so the parser is tested against what QuickBooks may send.
const fixture = path.join(import.meta.dirname, 'fixtures', 'sales-order-query-rs.xml');

describe('SalesOrderQueryRs', () => {
  it('the fixture validates against qbxmlops130.xsd', () => {
    const out = execFileSync('xmllint', ['--noout', '--schema', xsdPath, fixture], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
  });

  it('parses IsFullyInvoiced, IsManuallyClosed, the invoices in LinkedTxn and each line with its invoiced quantity', () => {
    const parsed = parseQbxmlResponse(readFileSync(fixture, 'utf8'));
    if (!parsed.ok) throw parsed.error;
    const rs = parsed.value.responses[0];
    expect(rs?.retType).toBe('salesOrder');
    if (rs?.retType !== 'salesOrder') return;
    const so = rs.rets[0];
    expect(so).toMatchObject({
      TxnID: '4C-1415942229',
      RefNumber: 'SO-7',
      TotalAmount: 26000,
      Subtotal: 26000,
      IsFullyInvoiced: true,
      IsManuallyClosed: false,
    });
    expect(so?.LinkedTxn.map((l) => [l.TxnType, l.TxnID, l.LinkType, l.Amount])).toEqual([
      ['Invoice', '50-1416000000', 'QUANTYPE', 10000],
      ['Invoice', '58-1416400000', 'QUANTYPE', 16000],
    ]);
    expect(so?.lines.map((l) => l.lineType)).toEqual(['item', 'group']);
    const [first, group] = so?.lines ?? [];
    expect(first).toMatchObject({ lineType: 'item', Quantity: 2, Invoiced: 2, IsManuallyClosed: false, Amount: 20000 });
    expect(group?.lineType === 'group' ? group.lines.map((l) => [l.ItemRef?.FullName, l.Invoiced]) : []).toEqual([['Mug', 4]]);
  });
});
