import { XMLParser } from 'fast-xml-parser';
import { parseQbxmlResponse } from '@qb-b24/qbxml';
import type { BenchFigure } from './index.js';

const CUSTOMERS = 1000;
const ROUNDS = 30;

/** A CustomerQueryRs page shaped like real QuickBooks output (one element per line, qbxml.md §1.2). */
export function customerQueryRs(count: number): string {
  const rets: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = (0x80000000 + i).toString(16).toUpperCase();
    rets.push(`<CustomerRet>
<ListID>${id}-1706000000</ListID>
<TimeCreated>2024-01-23T08:15:00-08:00</TimeCreated>
<TimeModified>2024-03-01T10:${String(i % 60).padStart(2, '0')}:00-08:00</TimeModified>
<EditSequence>${1709316000 + i}</EditSequence>
<Name>Customer ${i} &amp; Sons</Name>
<FullName>Customer ${i} &amp; Sons</FullName>
<IsActive>true</IsActive>
<Sublevel>0</Sublevel>
<CompanyName>Caf&#233; ${i} LLC</CompanyName>
<FirstName>Jos&#233;</FirstName>
<LastName>Smith</LastName>
<BillAddress>
<Addr1>${i} Main St</Addr1>
<City>Springfield</City>
<State>IL</State>
<PostalCode>62701</PostalCode>
</BillAddress>
<Phone>555-01${String(i % 100).padStart(2, '0')}</Phone>
<Email>c${i}@example.test</Email>
<TermsRef><ListID>10000-1236889119</ListID><FullName>Net 30</FullName></TermsRef>
<Balance>${i}.${String(i % 100).padStart(2, '0')}</Balance>
<TotalBalance>${i}.${String(i % 100).padStart(2, '0')}</TotalBalance>
<SalesTaxCodeRef><ListID>20000-1229303705</ListID><FullName>Tax</FullName></SalesTaxCodeRef>
<JobStatus>None</JobStatus>
<DataExtRet><OwnerID>0</OwnerID><DataExtName>B24 ID</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>${i}</DataExtValue></DataExtRet>
</CustomerRet>`);
  }
  return `<?xml version="1.0" ?>
<QBXML>
<QBXMLMsgsRs>
<CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{eb05f701-e727-472f-8ade-6753c4f67a46}">
${rets.join('\n')}
</CustomerQueryRs>
</QBXMLMsgsRs>
</QBXML>`;
}

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Parses+maps a 1,000-customer CustomerQueryRs with @qb-b24/qbxml and compares it with a bare fast-xml-parser parse. */
export async function run(): Promise<BenchFigure[]> {
  const xml = customerQueryRs(CUSTOMERS);
  const bare = new XMLParser({ ignoreAttributes: false });
  let mapped = 0;
  const ours = (): void => {
    const r = parseQbxmlResponse(xml);
    if (!r.ok) throw r.error;
    mapped = r.value.responses[0]?.rets.length ?? 0;
  };
  const baseline = (): void => {
    bare.parse(xml);
  };
  for (let i = 0; i < 5; i++) {
    ours();
    baseline();
  }
  const oursMs: number[] = [];
  const bareMs: number[] = [];
  // Interleaved rounds so both see the same machine state (GC, other processes).
  for (let i = 0; i < ROUNDS; i++) {
    oursMs.push(timeMs(ours));
    bareMs.push(timeMs(baseline));
  }
  if (mapped !== CUSTOMERS) throw new Error(`mapped ${mapped} customers, expected ${CUSTOMERS}`);
  const o = median(oursMs);
  const b = median(bareMs);
  const bench = 'qbxml-parse';
  return [
    {
      bench,
      figure: `parse+map ${CUSTOMERS} customers (${Math.round(xml.length / 1024)} KiB), median of ${ROUNDS}`,
      value: `${o.toFixed(1)} ms`,
      target: 'informational',
    },
    { bench, figure: 'bare fast-xml-parser parse, same bytes', value: `${b.toFixed(1)} ms`, target: 'informational' },
    { bench, figure: 'ratio parse+map / bare parse', value: `${(o / b).toFixed(2)}x`, target: '<= 1.5x' },
  ];
}
