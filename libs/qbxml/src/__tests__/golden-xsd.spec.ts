import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildQbxmlRequest, type QbxmlRequest } from '../index.js';
import { goldenRoot, xsdPath } from './paths.js';
import { REQUEST_CASES } from './request-cases.js';

const hostileName = `Иванов & <Sons> "Ltd" 'quoted' 😀 Café ${'x'.repeat(500)}`;
const HOSTILE: readonly { readonly name: string; readonly rq: QbxmlRequest }[] = [
  {
    name: 'hostile-customer-add',
    rq: {
      kind: 'CustomerAdd',
      requestID: 'h-1',
      CustomerAdd: {
        Name: hostileName,
        CompanyName: '北京 Trading 株式会社',
        FirstName: 'Zoë 👩‍💻',
        LastName: 'Łukasiewicz-Ørsted',
        Phone: '+7 (495) 123-45-67 доб. 1234567',
        BillAddress: { Addr1: `ул. Ленина, д. 1 ${'y'.repeat(100)}`, City: 'Санкт-Петербург-на-Неве и окрестности', PostalCode: '190000-123456789' },
        Email: `${'a'.repeat(1100)}@example.test`,
        Notes: 'Line 1\nLine 2 — “quoted” … €100\u0007',
      },
    },
  },
  { name: 'hostile-customer-query', rq: { kind: 'CustomerQuery', requestID: 'h-2', FullName: ['A & B <c>', 'Ω'], NameFilter: undefined } },
  {
    name: 'hostile-item-add',
    rq: {
      kind: 'ItemServiceAdd',
      requestID: 'h-3',
      ItemServiceAdd: {
        Name: `Услуга «Консалтинг» ${'z'.repeat(60)}`,
        SalesOrPurchase: { Desc: '😀'.repeat(5000), Price: 0.1 + 0.2, AccountRef: { FullName: 'Доходы & <Sales>' } },
      },
    },
  },
  { name: 'hostile-vendor-add', rq: { kind: 'VendorAdd', requestID: 'h-4', VendorAdd: { Name: '"<&>"\'', VendorAddress: { Addr1: 'Ψ'.repeat(60) } } } },
];

const update = process.env.UPDATE_GOLDEN === '1';
const dir = mkdtempSync(path.join(os.tmpdir(), 'qbxml-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs xmllint once over all files; returns the files that did not validate, with xmllint's messages. */
function xsdFailures(files: readonly string[]): string[] {
  let output: string;
  try {
    output = execFileSync('xmllint', ['--noout', '--schema', xsdPath, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const failure = e as { stderr?: string; stdout?: string };
    output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
  }
  return output.split('\n').filter((l) => l.trim() !== '' && !l.endsWith(' validates'));
}

describe('request builders against the qbXML 13.0 XSD', () => {
  it('every builder output matches its reviewed golden file (UPDATE_GOLDEN=1 rewrites them)', () => {
    for (const c of REQUEST_CASES) {
      const { xml } = buildQbxmlRequest([c.rq]);
      const file = path.join(goldenRoot, `${c.name}.xml`);
      if (update || !existsSync(file)) {
        if (!update) throw new Error(`missing golden ${file}; run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(file, xml);
      }
      expect(xml, c.name).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('every request, hostile text included, validates against qbxmlops130.xsd in one xmllint run', () => {
    const files = [...REQUEST_CASES, ...HOSTILE].map((c) => {
      const file = path.join(dir, `${c.name}.xml`);
      writeFileSync(file, buildQbxmlRequest([c.rq]).xml);
      return file;
    });
    // One message holding every request too: several requests per QBXMLMsgsRq.
    const all = path.join(dir, 'all-in-one.xml');
    writeFileSync(
      all,
      buildQbxmlRequest(
        [...REQUEST_CASES, ...HOSTILE].map((c) => c.rq),
        { onError: 'continueOnError' },
      ).xml,
    );
    expect(xsdFailures([...files, all])).toEqual([]);
  });

  it('the xmllint harness does reject a schema violation (so the check above can fail)', () => {
    const bad = path.join(dir, 'bad.xml');
    const { xml } = buildQbxmlRequest([{ kind: 'CustomerQuery', requestID: 'x', MaxReturned: 1 }]);
    writeFileSync(bad, xml.replace('<MaxReturned>1</MaxReturned>', '<ActiveStatus>All</ActiveStatus><MaxReturned>1</MaxReturned>'));
    expect(xsdFailures([bad]).join('\n')).toMatch(/MaxReturned/);
  });

  it('hostile text comes out as 7-bit ASCII with Latin-1 as character references, cut and reported', () => {
    const result = buildQbxmlRequest(HOSTILE.map((c) => c.rq));
    expect(result.xml).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/);
    for (const m of result.xml.matchAll(/&#(\d+);/g)) expect(Number(m[1])).toBeLessThanOrEqual(255);
    expect(result.xml).toContain('<Name>Ivanov &amp; &lt;Sons&gt; "Ltd" \'quoted\' Caf&#233; xxxxx</Name>');
    expect(result.xml).toContain('<FirstName>Zo&#235;</FirstName>');
    expect(result.xml).toContain('<City>Sankt-Peterburg-na-Neve i okres</City>');
    expect(result.xml).toContain('<Notes>Line 1\nLine 2 - "quoted" ... EUR100</Notes>');
    expect(result.truncations).toContainEqual({ path: 'CustomerAddRq[h-1]/CustomerAdd/Name', from: 536, to: 41 });
    expect(result.truncations.map((t) => t.path)).toEqual(
      expect.arrayContaining([
        'CustomerAddRq[h-1]/CustomerAdd/Phone',
        'CustomerAddRq[h-1]/CustomerAdd/BillAddress/Addr1',
        'CustomerAddRq[h-1]/CustomerAdd/BillAddress/City',
        'CustomerAddRq[h-1]/CustomerAdd/BillAddress/PostalCode',
        'CustomerAddRq[h-1]/CustomerAdd/Email',
        'ItemServiceAddRq[h-3]/ItemServiceAdd/Name',
      ]),
    );
    expect(result.transliterations).toContain('CustomerAddRq[h-1]/CustomerAdd/CompanyName');
  });
});
