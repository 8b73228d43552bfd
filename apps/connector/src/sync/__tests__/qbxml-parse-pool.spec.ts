import { parseQbxmlResponse } from '@qb-b24/qbxml';
import { afterEach, describe, expect, it } from 'vitest';
import { INLINE_QBXML_BYTES, QbxmlParsePool } from '../qbxml-parse-pool.js';

const customer = (i: number): string =>
  `<CustomerRet><ListID>80000${i}-1699999999</ListID><TimeCreated>2026-01-02T03:04:05-05:00</TimeCreated><TimeModified>2026-01-02T03:04:05-05:00</TimeModified><EditSequence>1699999999</EditSequence><Name>Customer &amp; Sons ${i}</Name><FullName>Customer &amp; Sons ${i}</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel><Balance>12.50</Balance><TotalBalance>12.50</TotalBalance><JobStatus>None</JobStatus></CustomerRet>`;
const page = (n: number): string =>
  `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="r-1" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{abc}">${Array.from({ length: n }, (_, i) => customer(i)).join('')}</CustomerQueryRs></QBXMLMsgsRs></QBXML>`;

describe('QbxmlParsePool: large QuickBooks pages are parsed off the event loop, with a timeout', () => {
  let pool: QbxmlParsePool;
  afterEach(async () => {
    await pool.onModuleDestroy();
  });

  it('a page of 2,000 customers parses in the worker to exactly the inline result', async () => {
    pool = new QbxmlParsePool(60_000);
    const xml = page(2_000);
    expect(xml.length).toBeGreaterThan(INLINE_QBXML_BYTES);
    const inline = parseQbxmlResponse(xml);
    expect(inline.ok).toBe(true);
    expect(await pool.parse(xml)).toEqual(inline);
  });

  it('an unreadable large response gives the same typed error', async () => {
    pool = new QbxmlParsePool(60_000);
    const xml = `${page(2_000)}<extra>`;
    const result = await pool.parse(xml);
    expect(result).toEqual(parseQbxmlResponse(xml));
    expect(result.ok).toBe(false);
  });

  it('a response the parser cannot finish within the timeout is a TOO_COMPLEX error, and a fresh worker answers the next', async () => {
    pool = new QbxmlParsePool(500);
    const slow = await pool.parse(page(20_000));
    expect(slow).toMatchObject({ ok: false, error: { name: 'QbxmlError', code: 'TOO_COMPLEX' } });
    // A fresh worker answers the next one (a quickly refused malformed page: only its start-up counts).
    const next = await pool.parse(`<QBXML>${'x'.repeat(INLINE_QBXML_BYTES + 1)}`);
    expect(next).toMatchObject({ ok: false, error: { code: 'MALFORMED_XML' } });
  });
});
