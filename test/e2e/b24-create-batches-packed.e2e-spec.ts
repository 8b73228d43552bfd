import { generateSampleCompany } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { portalCensus } from '../support/portal-census.js';
import { s } from '../support/record-values.js';
import { drainWorker, startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const CREATES = /^crm\.(company|contact)\.add$/;

/** 200 customers in one QuickBooks page; with `onlyCompanies` every top-level customer has a company name. */
async function startOnePage(onlyCompanies: boolean, env: Record<string, string> = {}): Promise<Harness> {
  const x = await startHarness({
    qb: generateSampleCompany({ seed: 5, scale: { customers: 200, vendors: 0, items: 2, invoices: 1, estimates: 0 } }),
    env: { SYNC_PAGE_SIZE: '500', ...env },
  });
  if (onlyCompanies)
    for (const id of x.qb.ids('Customer')) {
      const ret = x.qb.getRet(id) as Record<string, unknown>;
      if (!ret['ParentRef'] && s(ret['CompanyName']) === '') x.qb.userEdit(id, { CompanyName: `${s(ret['Name'])} Ltd` });
    }
  return x;
}

describe('creates of contacts and companies in batch calls (the Bitrix24 rate limit counts calls, not commands)', () => {
  it.each([
    ['companies, their contact persons and people without a company', false],
    // no one to fill the companies' last call but the persons of the companies created in the calls before it
    ['only companies and their contact persons', true],
  ])('a page of %s fills every batch call of its creates but the last, each person linked to its company', async (_, onlyCompanies) => {
    h = await startOnePage(onlyCompanies);
    expect((await h.session()).outcome).toBe('completed');

    const companies = h.portal.list('company');
    const contacts = h.portal.list('contact').filter((c) => s(c['ORIGIN_ID']) !== '');
    const persons = contacts.filter((c) => s(c['COMPANY_ID']) !== '');
    // enough of each kind to need several calls
    expect(companies.length).toBeGreaterThan(50);
    expect(persons.length).toBeGreaterThan(50);
    if (onlyCompanies) expect(persons).toHaveLength(contacts.length);
    else expect(contacts.length - persons.length).toBeGreaterThan(50);
    // each created once, and each person under the company of its own customer
    expect(new Set(companies.map((c) => s(c['ORIGIN_ID']))).size).toBe(companies.length);
    expect(new Set(contacts.map((c) => s(c['ORIGIN_ID']))).size).toBe(contacts.length);
    const companyByOrigin = new Map(companies.map((c) => [s(c['ORIGIN_ID']), s(c['ID'])]));
    for (const p of persons) expect(s(p['COMPANY_ID'])).toBe(companyByOrigin.get(s(p['ORIGIN_ID'])));

    const createCalls = h.portal.calls.filter((c) => (c.batchMethods ?? []).some((m) => CREATES.test(m)));
    const created = createCalls.reduce((n, c) => n + (c.batchMethods ?? []).filter((m) => CREATES.test(m)).length, 0);
    expect(created).toBe(companies.length + contacts.length);
    // The companies' last call is filled up by contacts: only the page's last call is partly filled, so the creates
    // take no call more than their number needs.
    expect(createCalls.filter((c) => (c.batchCommands ?? 0) < 50)).toHaveLength(1);
    expect(createCalls).toHaveLength(Math.ceil(created / 50));
  });

  it('a shared call of company and contact creates applied but answered too late creates nothing twice on the retry', async () => {
    h = await startOnePage(true, { BITRIX24_TIMEOUT_SECONDS: '1' });
    // The first call carrying a contact create is the one the companies' last creates share with contact persons.
    h.portal.injectFault({ kind: 'lateAnswer', count: 1, methods: ['crm.contact.add'], latencyMs: 1_500 });
    expect((await h.session()).outcome).toBe('completed');
    await drainWorker(h.t);
    const shared = h.portal.calls.find((c) => (c.batchMethods ?? []).includes('crm.contact.add'));
    expect(shared?.batchMethods).toContain('crm.company.add');
    expect(portalCensus(h.portal, h.qb)).toEqual({ missing: [], duplicated: [] });
    const companyByOrigin = new Map(h.portal.list('company').map((c) => [s(c['ORIGIN_ID']), s(c['ID'])]));
    for (const p of h.portal.list('contact').filter((c) => s(c['ORIGIN_ID']) !== '')) expect(s(p['COMPANY_ID'])).toBe(companyByOrigin.get(s(p['ORIGIN_ID'])));
  });
});
