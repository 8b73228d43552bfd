import type { Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { LIST_KINDS } from '@qb-b24/quickbooks-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/sync-harness.js';
import { s, type Rec } from '../support/record-values.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const itemIds = (x: Harness): string[] => LIST_KINDS.filter((k) => k.startsWith('Item')).flatMap((k) => x.qb.ids(k));

function byOrigin(portal: Bitrix24Portal, entity: 'contact' | 'company' | 'deal'): Map<string, Rec[]> {
  const out = new Map<string, Rec[]>();
  for (const r of portal.list(entity)) {
    const key = s(r['ORIGIN_ID']);
    if (key === '') continue;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

describe('QuickBooks → Bitrix24 full import of the sample company', () => {
  it('creates every record once, linked and field by field, and a second run writes nothing', async () => {
    h = await startHarness();
    const first = await h.session();
    expect(first.outcome, JSON.stringify(first.transcript.slice(-3))).toBe('completed');
    expect(first.progress.at(-1)).toBe(100);
    // progress moves: more than a couple of distinct steps on the way to 100
    expect(new Set(first.progress).size).toBeGreaterThan(3);

    const companies = byOrigin(h.portal, 'company');
    const contacts = byOrigin(h.portal, 'contact');
    const deals = byOrigin(h.portal, 'deal');
    let checkedCustomers = 0;
    for (const listId of h.qb.ids('Customer')) {
      const c = h.qb.getRet(listId) as Rec;
      if (s(c['Sublevel']) !== '' && s(c['Sublevel']) !== '0') continue;
      const companyName = s(c['CompanyName']);
      if (companyName) {
        const cos = companies.get(listId) ?? [];
        expect(cos, `company for ${listId}`).toHaveLength(1);
        expect(s(cos[0]?.['TITLE'])).toBe(companyName);
        if (s(c['FirstName']) || s(c['LastName'])) {
          const person = contacts.get(listId) ?? [];
          expect(person).toHaveLength(1);
          expect(s(person[0]?.['COMPANY_ID'])).toBe(s(cos[0]?.['ID']));
          expect(s(person[0]?.['LAST_NAME'])).toBe(s(c['LastName']));
        }
      } else {
        const person = contacts.get(listId) ?? [];
        expect(person, `contact for ${listId}`).toHaveLength(1);
        if (s(c['LastName'])) expect(s(person[0]?.['LAST_NAME'])).toBe(s(c['LastName']));
        if (s(c['FirstName'])) expect(s(person[0]?.['NAME'])).toBe(s(c['FirstName']));
      }
      const email = s(c['Email']);
      if (email) {
        const rec = (companyName ? companies.get(listId) : contacts.get(listId))?.[0] ?? {};
        const emails = (rec['EMAIL'] as Rec[] | undefined)?.map((e) => s(e['VALUE'])) ?? [];
        expect(emails).toContain(email.split(/[;,]/)[0]?.trim());
      }
      checkedCustomers += 1;
    }
    expect(checkedCustomers).toBeGreaterThan(150);

    for (const listId of h.qb.ids('Vendor')) {
      const v = h.qb.getRet(listId) as Rec;
      const rec = contacts.get(listId) ?? [];
      expect(rec, `vendor ${s(v['Name'])}`).toHaveLength(1);
      expect(s(rec[0]?.['TYPE_ID'])).toBe('SUPPLIER');
    }

    const products = new Map(h.portal.list('product').map((p) => [s(p['XML_ID']), p]));
    for (const listId of itemIds(h)) {
      const item = h.qb.getRet(listId) as Rec;
      const p = products.get(`QB_${listId}`);
      expect(p, `product for ${s(item['Name'])}`).toBeDefined();
      expect(s(p?.['NAME'])).toBe(s(item['Name']));
    }

    let paid = 0;
    for (const txnId of h.qb.ids('Invoice')) {
      const inv = h.qb.getRet(txnId) as Rec;
      const d = deals.get(txnId) ?? [];
      expect(d, `deal for invoice ${s(inv['RefNumber'])}`).toHaveLength(1);
      const deal = d[0] ?? {};
      expect(s(deal['TITLE'])).toBe(`Invoice ${s(inv['RefNumber'])}`);
      expect(Number(s(deal['OPPORTUNITY']))).toBeCloseTo(Number(s(inv['Subtotal'])), 2);
      const isPaid = s(inv['IsPaid']) === 'true';
      if (isPaid) paid += 1;
      expect(s(deal['STAGE_ID'])).toBe(isPaid ? 'WON' : 'EXECUTING');
      expect(s(deal['COMPANY_ID']) !== '' || s(deal['CONTACT_ID']) !== '').toBe(true);
      const lines = (inv['InvoiceLineRet'] as Rec[] | Rec | undefined) ?? [];
      const lineCount = Array.isArray(lines) ? lines.length : 1;
      expect(h.portal.productRows(Number(s(deal['ID'])))).toHaveLength(lineCount);
    }
    expect(paid).toBeGreaterThan(0);
    for (const txnId of h.qb.ids('Estimate')) {
      const d = deals.get(txnId) ?? [];
      expect(d).toHaveLength(1);
      expect(s(d[0]?.['STAGE_ID'])).toBe('PREPARATION');
    }

    h.portal.resetCalls();
    const second = await h.session();
    expect(second.outcome).toBe('completed');
    const writes = h.portal.calls.filter((c) => c.method !== 'crm.contact.list');
    expect(writes.map((c) => c.method)).toEqual([]);
  });
});
