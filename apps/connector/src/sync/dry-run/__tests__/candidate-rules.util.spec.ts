import { DEFAULT_MAPPING_RULES } from '@qb-b24/sync-core';
import { describe, expect, it } from 'vitest';
import { candidateRules, changedRuleKeys } from '../candidate-rules.util.js';

describe('candidateRules: a candidate mapping file read like the real one', () => {
  it('lays the candidate over the defaults: keys it leaves out keep their default', () => {
    const r = candidateRules({ deals: { amount: 'total' } });
    expect(r.ok && r.rules.deals).toEqual({ ...DEFAULT_MAPPING_RULES.deals, amount: 'total' });
    expect(r.ok && r.rules.toQuickBooks).toEqual(DEFAULT_MAPPING_RULES.toQuickBooks);
  });

  it('names every key the mapping does not have, with its path', () => {
    expect(candidateRules({ deals: { pipeline: 2 }, colour: 'blue' })).toEqual({
      ok: false,
      problems: ['colour: not a mapping key', 'deals.pipeline: not a mapping key'],
    });
  });

  it('refuses a value of the wrong kind and a mapping that is not an object', () => {
    expect(candidateRules({ deals: { categoryId: '2' } })).toEqual({ ok: false, problems: ['deals.categoryId: must be a number'] });
    expect(candidateRules({ deals: 'total' })).toEqual({ ok: false, problems: ['deals: must be an object'] });
    expect(candidateRules([])).toEqual({ ok: false, problems: ['the mapping: must be an object'] });
  });

  it('takes a string for the nullable inactiveField and arrays whole', () => {
    const r = candidateRules({ deletes: { inactiveField: 'UF_CRM_INACTIVE' }, toQuickBooks: { contactTypes: ['CLIENT', 'PARTNER'] } });
    expect(r.ok && [r.rules.deletes.inactiveField, r.rules.toQuickBooks.contactTypes]).toEqual(['UF_CRM_INACTIVE', ['CLIENT', 'PARTNER']]);
  });
});

describe('changedRuleKeys', () => {
  it('names the leaves that differ, arrays compared whole', () => {
    const r = candidateRules({ deals: { categoryId: 2 }, toQuickBooks: { contactTypes: ['CLIENT', 'PARTNER'] } });
    expect(r.ok && changedRuleKeys(DEFAULT_MAPPING_RULES, r.rules)).toEqual(['deals.categoryId', 'toQuickBooks.contactTypes']);
    expect(changedRuleKeys(DEFAULT_MAPPING_RULES, DEFAULT_MAPPING_RULES)).toEqual([]);
  });
});
