import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { s } from '../support/record-values.js';
import { startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CREATES = /^crm\.(company|contact)\.add$/;

describe('creates of contacts and companies in batch calls (the Bitrix24 rate limit counts calls, not commands)', () => {
  it('a page of customers fills every batch call of its creates but the last, and every person is linked to its company', async () => {
    // 200 customers in one QuickBooks page: companies, their contact persons and people without a company.
    h = await startHarness({
      qb: generateSampleCompany({ seed: 5, scale: { customers: 200, vendors: 0, items: 2, invoices: 1, estimates: 0 } }),
      env: { SYNC_PAGE_SIZE: '500' },
    });
    expect((await h.session()).outcome).toBe('completed');

    const companies = h.portal.list('company');
    const contacts = h.portal.list('contact').filter((c) => s(c['ORIGIN_ID']) !== '' && s(c['TYPE_ID']) !== 'SUPPLIER');
    const persons = contacts.filter((c) => s(c['COMPANY_ID']) !== '');
    // the fixture has all three kinds, enough of them to need several calls
    expect(companies.length).toBeGreaterThan(50);
    expect(persons.length).toBeGreaterThan(0);
    expect(contacts.length - persons.length).toBeGreaterThan(50);
    // each created once, and each person under the company of its own customer
    expect(new Set(companies.map((c) => s(c['ORIGIN_ID']))).size).toBe(companies.length);
    expect(new Set(contacts.map((c) => s(c['ORIGIN_ID']))).size).toBe(contacts.length);
    const companyByOrigin = new Map(companies.map((c) => [s(c['ORIGIN_ID']), s(c['ID'])]));
    for (const p of persons) expect(s(p['COMPANY_ID'])).toBe(companyByOrigin.get(s(p['ORIGIN_ID'])));

    const createCalls = h.portal.calls.filter((c) => (c.batchMethods ?? []).some((m) => CREATES.test(m)));
    const created = createCalls.reduce((n, c) => n + (c.batchMethods ?? []).filter((m) => CREATES.test(m)).length, 0);
    expect(created).toBeGreaterThanOrEqual(companies.length + contacts.length);
    // Companies ending mid-call leave the rest of it to the people without a company: only the page's last call is
    // partly filled, so the creates take no call more than their number needs.
    expect(createCalls.filter((c) => (c.batchCommands ?? 0) < 50)).toHaveLength(1);
    expect(createCalls).toHaveLength(Math.ceil(created / 50));
  });
});
