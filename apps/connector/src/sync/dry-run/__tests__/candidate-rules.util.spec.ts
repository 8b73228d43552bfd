import { DEFAULT_MAPPING_RULES } from '@qb-b24/sync-core';
import { describe, expect, it } from 'vitest';
import { changedRuleKeys } from '../candidate-rules.util.js';

describe('changedRuleKeys', () => {
  it('names the leaves that differ, arrays compared whole', () => {
    const r = {
      ...DEFAULT_MAPPING_RULES,
      deals: { ...DEFAULT_MAPPING_RULES.deals, categoryId: 2 },
      toQuickBooks: { ...DEFAULT_MAPPING_RULES.toQuickBooks, contactTypes: ['CLIENT', 'PARTNER'] },
    };
    expect(changedRuleKeys(DEFAULT_MAPPING_RULES, r)).toEqual(['deals.categoryId', 'toQuickBooks.contactTypes']);
    expect(changedRuleKeys(DEFAULT_MAPPING_RULES, DEFAULT_MAPPING_RULES)).toEqual([]);
  });
});
