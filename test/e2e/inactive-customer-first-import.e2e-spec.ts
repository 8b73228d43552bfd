import { afterEach, describe, expect, it } from 'vitest';
import { MAPPING_RULES } from '../../apps/connector/src/config/mapping-rules.tokens.js';
import { addInactiveField, MARK_INACTIVE_RULES } from '../support/inactive-field.js';
import { s, type Rec } from '../support/record-values.js';
import { startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const MARK = /^\[QuickBooks\] Inactive: made inactive in QuickBooks on \d{4}-\d{2}-\d{2}\.$/;

/** The first top-level customer with (or without) a company name. */
function topLevelCustomer(x: Harness, company: boolean): string {
  const id = x.qb.ids('Customer').find((c) => {
    const ret = x.qb.getRet(c) as Rec;
    return !ret['ParentRef'] && (s(ret['CompanyName']) !== '') === company && s(ret['LastName']) !== '';
  });
  if (!id) throw new Error(`fixture has no top-level customer ${company ? 'with' : 'without'} a company name`);
  return id;
}

describe('a customer already inactive in QuickBooks at the first import', () => {
  it('is created in Bitrix24 already marked inactive, with no read or update of the new record, and marked once', async () => {
    h = await startHarness({
      values: new Map([[MAPPING_RULES, MARK_INACTIVE_RULES]]),
      preparePortal: addInactiveField,
    });
    const person = topLevelCustomer(h, false);
    const company = topLevelCustomer(h, true);
    h.qb.userMakeInactive(person);
    h.qb.userMakeInactive(company);

    expect((await h.session()).outcome).toBe('completed');
    const marked = ['contact', 'company'].flatMap((entity) => h?.portal.list(entity as 'contact' | 'company') ?? []);
    const records = marked.filter((r) => [person, company].includes(s(r['ORIGIN_ID'])));
    // the individual's contact, the company and its person's contact
    expect(records).toHaveLength(3);
    for (const r of records) {
      expect(s(r['COMMENTS'])).toMatch(MARK);
      expect(s(r['UF_CRM_QB_INACTIVE'])).toBe('Y');
    }
    // The first import only created contacts and companies: the mark came with the add, not from a read and an update.
    const ran = h.portal.calls.flatMap((c) => c.batchMethods ?? []);
    expect(ran.filter((m) => /^crm\.(contact|company)\.(get|update)$/.test(m))).toEqual([]);

    // Nothing to do afterwards: the records are not marked a second time.
    const before = JSON.stringify(records);
    h.portal.resetCalls();
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.calls.flatMap((c) => c.batchMethods ?? []).filter((m) => !m.endsWith('.list'))).toEqual([]);
    const after = ['contact', 'company'].flatMap((entity) => h?.portal.list(entity as 'contact' | 'company') ?? []);
    expect(JSON.stringify(after.filter((r) => [person, company].includes(s(r['ORIGIN_ID']))))).toBe(before);
  });
});
