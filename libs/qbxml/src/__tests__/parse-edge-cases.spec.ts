import { describe, expect, it } from 'vitest';
import { parseQbxmlResponse, type QbxmlResponse } from '../index.js';

const wrap = (inner: string): string => `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${inner}\n</QBXMLMsgsRs>\n</QBXML>`;
const customer = (id: string, extra = ''): string =>
  `<CustomerRet><ListID>${id}</ListID><TimeCreated>2024-01-23T08:15:00-08:00</TimeCreated><TimeModified>2024-01-23T08:15:00-08:00</TimeModified><EditSequence>1706026500</EditSequence><Name>N${id}</Name><FullName>N${id}</FullName>${extra}</CustomerRet>`;

function responses(xml: string): readonly QbxmlResponse[] {
  const r = parseQbxmlResponse(xml);
  if (!r.ok) throw r.error;
  return r.value.responses;
}

describe('parseQbxmlResponse edge cases', () => {
  it('one CustomerRet, one DataExtRet and one line are still arrays', () => {
    const [r] = responses(
      wrap(
        `<CustomerQueryRs requestID="a" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${customer('1', '<DataExtRet><OwnerID>0</OwnerID><DataExtName>B24 ID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>42</DataExtValue></DataExtRet>')}</CustomerQueryRs>`,
      ),
    );
    expect(r?.retType).toBe('customer');
    if (r?.retType !== 'customer') return;
    expect(Array.isArray(r.rets)).toBe(true);
    expect(r.rets[0]?.DataExtRet).toEqual([{ OwnerID: '0', DataExtName: 'B24 ID', DataExtType: 'STR255TYPE', DataExtValue: '42' }]);
  });

  it('accents arrive raw or as character references and come out as the same text', () => {
    const [r] = responses(
      wrap(
        `<CustomerQueryRs requestID="a" statusCode="0" statusSeverity="Info">${customer('1', '<CompanyName>D&#233;cor &amp; Caf\u00e9 &lt;1&gt;</CompanyName>')}</CustomerQueryRs>`,
      ),
    );
    expect(r?.rets[0]).toMatchObject({ CompanyName: 'Décor & Café <1>' });
  });

  it('status 1 is an empty result to apply, not an error', () => {
    const [r] = responses(
      wrap(
        '<ItemInventoryQueryRs requestID="1" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" />',
      ),
    );
    expect(r).toMatchObject({ statusCode: 1, action: 'no-match', retType: 'item', rets: [] });
  });

  it('3140 invalid reference asks to sync the dependency first', () => {
    const [r] = responses(
      wrap(
        '<SalesOrderAddRs statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Customer &quot;Joe Smith&quot; in the SalesOrder." />',
      ),
    );
    expect(r).toMatchObject({ action: 'retry-later', statusMessage: 'There is an invalid reference to QuickBooks Customer "Joe Smith" in the SalesOrder.' });
  });

  it('iterator pages: a middle page and the last page with the same iteratorID', () => {
    const page = (remaining: number, ids: string[]): string =>
      wrap(
        `<CustomerQueryRs requestID="p" statusCode="0" statusSeverity="Info" iteratorRemainingCount="${remaining}" iteratorID="{eb05f701-e727-472f-8ade-6753c4f67a46}">${ids.map((i) => customer(i)).join('')}</CustomerQueryRs>`,
      );
    const [first] = responses(page(2, ['1', '2']));
    const [last] = responses(page(0, ['3', '4']));
    expect(first).toMatchObject({ iteratorRemainingCount: 2, iteratorID: '{eb05f701-e727-472f-8ade-6753c4f67a46}' });
    expect(last?.iteratorRemainingCount).toBe(0);
    expect(last?.rets.map((c) => ('ListID' in c ? c.ListID : ''))).toEqual(['3', '4']);
  });

  it('mixed item types keep document order with an itemType discriminant', () => {
    const item = (tag: string, id: string): string =>
      `<${tag}><ListID>${id}</ListID><TimeCreated>t</TimeCreated><TimeModified>t</TimeModified><EditSequence>1</EditSequence><Name>${tag}${id}</Name></${tag}>`;
    const [r] = responses(
      wrap(
        `<ItemQueryRs requestID="i" statusCode="0" statusSeverity="Info">${item('ItemServiceRet', '1')}${item('ItemInventoryRet', '2')}${item('ItemServiceRet', '3')}${item('ItemGroupRet', '4')}${item('ItemSalesTaxGroupRet', '5')}${item('ItemFixedAssetRet', '6')}</ItemQueryRs>`,
      ),
    );
    expect(r?.rets.map((i) => ('itemType' in i ? [i.itemType, i.ListID] : []))).toEqual([
      ['Service', '1'],
      ['Inventory', '2'],
      ['Service', '3'],
      ['Group', '4'],
      ['SalesTaxGroup', '5'],
      ['FixedAsset', '6'],
    ]);
  });

  it('invoice plain and group lines keep their interleaved order; group lines nest their lines', () => {
    const line = (id: string, amount: string): string =>
      `<InvoiceLineRet><TxnLineID>${id}</TxnLineID><ItemRef><FullName>I${id}</FullName></ItemRef><Quantity>1.5</Quantity><Rate>0.10</Rate><Amount>${amount}</Amount></InvoiceLineRet>`;
    const xml = wrap(
      `<InvoiceQueryRs requestID="v" statusCode="0" statusSeverity="Info"><InvoiceRet><TxnID>T1</TxnID><TimeCreated>t</TimeCreated><TimeModified>t</TimeModified><EditSequence>1</EditSequence><CustomerRef><FullName>C</FullName></CustomerRef><TxnDate>2024-01-01</TxnDate><Subtotal>0.30</Subtotal>${line('L1', '0.10')}<InvoiceLineGroupRet><TxnLineID>G1</TxnLineID><ItemGroupRef><FullName>Kit</FullName></ItemGroupRef><IsPrintItemsInGroup>true</IsPrintItemsInGroup><TotalAmount>0.10</TotalAmount>${line('G1a', '0.10')}</InvoiceLineGroupRet>${line('L2', '0.10')}</InvoiceRet></InvoiceQueryRs>`,
    );
    const [r] = responses(xml);
    if (r?.retType !== 'invoice') throw new Error('expected invoice');
    const lines = r.rets[0]?.lines ?? [];
    expect(lines.map((l) => [l.lineType, l.TxnLineID])).toEqual([
      ['item', 'L1'],
      ['group', 'G1'],
      ['item', 'L2'],
    ]);
    const group = lines[1];
    expect(group?.lineType === 'group' ? group.lines.map((l) => l.TxnLineID) : []).toEqual(['G1a']);
    // 0.10 + 0.10 + 0.10 in cents is exactly the subtotal (floats would give 0.30000000000000004).
    const sum = lines.reduce((s, l) => s + (l.lineType === 'item' ? (l.Amount ?? 0) : (l.TotalAmount ?? 0)), 0);
    expect(sum).toBe(r.rets[0]?.Subtotal);
  });

  it('refuses DOCTYPE and ENTITY declarations before parsing', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><QBXML><QBXMLMsgsRs/></QBXML>';
    const r = parseQbxmlResponse(bomb);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('DOCTYPE_FORBIDDEN');
    const lower = parseQbxmlResponse('<!doctype x><QBXML/>');
    expect(!lower.ok && lower.error.code).toBe('DOCTYPE_FORBIDDEN');
  });

  it('a truncated document is malformed, not a shorter page', () => {
    const full = wrap(`<CustomerQueryRs requestID="a" statusCode="0" statusSeverity="Info">${customer('1')}${customer('2')}</CustomerQueryRs>`);
    const r = parseQbxmlResponse(full.slice(0, full.indexOf('<CustomerRet>', 200)));
    expect(!r.ok && r.error.code).toBe('MALFORMED_XML');
  });

  it('a non-qbXML document, a bad amount and a missing ListID are typed errors with a path', () => {
    expect(parseQbxmlResponse('<html/>')).toMatchObject({ ok: false, error: { code: 'NOT_A_QBXML_RESPONSE' } });
    const badAmount = parseQbxmlResponse(
      wrap(`<CustomerQueryRs statusCode="0" statusSeverity="Info">${customer('1', '<Balance>1,000.00</Balance>')}</CustomerQueryRs>`),
    );
    expect(badAmount).toMatchObject({ ok: false, error: { code: 'INVALID_VALUE', path: 'CustomerQueryRs[0]/CustomerRet[0]/Balance' } });
    const noId = parseQbxmlResponse(wrap('<CustomerQueryRs statusCode="0" statusSeverity="Info"><CustomerRet><Name>x</Name></CustomerRet></CustomerQueryRs>'));
    expect(noId).toMatchObject({ ok: false, error: { code: 'MISSING_ELEMENT' } });
  });

  it('an empty message set and deleted-object queries', () => {
    expect(responses('<QBXML><QBXMLMsgsRs></QBXMLMsgsRs></QBXML>')).toEqual([]);
    const [l, t] = responses(
      wrap(
        '<ListDeletedQueryRs requestID="d1" statusCode="0" statusSeverity="Info"><ListDeletedRet><ListDelType>Customer</ListDelType><ListID>80000003-1271969969</ListID><TimeCreated>2010-04-22T13:59:29-08:00</TimeCreated><TimeDeleted>2010-05-06T17:46:31-08:00</TimeDeleted><FullName>Customer remote</FullName></ListDeletedRet></ListDeletedQueryRs><TxnDeletedQueryRs requestID="d2" statusCode="0" statusSeverity="Info"><TxnDeletedRet><TxnDelType>Invoice</TxnDelType><TxnID>7-1274221220</TxnID><TimeCreated>t</TimeCreated><TimeDeleted>t2</TimeDeleted><RefNumber>3</RefNumber></TxnDeletedRet></TxnDeletedQueryRs>',
      ),
    );
    expect(l).toMatchObject({ retType: 'listDeleted', rets: [{ ListDelType: 'Customer', ListID: '80000003-1271969969', FullName: 'Customer remote' }] });
    expect(t).toMatchObject({ retType: 'txnDeleted', rets: [{ TxnDelType: 'Invoice', TxnID: '7-1274221220', RefNumber: '3' }] });
  });
});
