import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuickBooksCompany, loadCompanyFile } from '../company/quickbooks-company.js';
import { generateSampleCompany } from '../fixtures/generate-sample-company.js';

const FIXTURE = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'sample-company.json');

describe('sample company fixture', () => {
  it('the committed fixture is exactly what the seeded generator produces (regenerate with npm run fixtures)', () => {
    expect(JSON.parse(readFileSync(FIXTURE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(generateSampleCompany().toJSON())));
  });

  it('holds a realistic company: ≥200 customers with jobs and Latin-1 accents, ≥20 vendors, ≥40 items of every synced type, ≥300 invoices, ≥30 estimates', () => {
    const c = loadCompanyFile(FIXTURE);
    expect(c.count('Customer')).toBeGreaterThanOrEqual(200);
    expect(c.count('Vendor')).toBeGreaterThanOrEqual(20);
    for (const k of ['ItemService', 'ItemNonInventory', 'ItemInventory', 'ItemOtherCharge'] as const) expect(c.count(k)).toBeGreaterThanOrEqual(10);
    expect(c.count('Invoice')).toBeGreaterThanOrEqual(300);
    expect(c.count('Estimate')).toBeGreaterThanOrEqual(30);
    const customers = c.ids('Customer').map((id) => c.getRet(id));
    expect(customers.some((r) => r?.['Sublevel'] === '1')).toBe(true);
    expect(customers.some((r) => /[éüñø]/i.test(String(r?.['FullName'])))).toBe(true);
    expect(customers.some((r) => r?.['CompanyName'] !== undefined && r['Contact'] !== undefined)).toBe(true);
    const invoices = c.ids('Invoice').map((id) => c.getRet(id));
    expect(invoices.some((r) => r?.['IsPaid'] === 'true')).toBe(true);
    expect(invoices.some((r) => r?.['IsPaid'] === 'false')).toBe(true);
  });

  it('round-trips through toJSON/fromJSON without changing any answer', async () => {
    const a = loadCompanyFile(FIXTURE);
    const b = QuickBooksCompany.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    const rq =
      '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><InvoiceQueryRq><MaxReturned>20</MaxReturned><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq></QBXMLMsgsRq></QBXML>';
    expect(await b.processRequest(rq)).toEqual(await a.processRequest(rq));
  });

  it('scales deterministically for benchmarks', () => {
    const small = generateSampleCompany({ seed: 7, scale: { customers: 50, invoices: 40, estimates: 5 } });
    expect(small.count('Customer')).toBe(50);
    expect(small.count('Invoice')).toBe(40);
    expect(generateSampleCompany({ seed: 7, scale: { customers: 50, invoices: 40, estimates: 5 } }).toJSON()).toEqual(small.toJSON());
  });
});
