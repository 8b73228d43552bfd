import { DEFAULT_MAPPING_RULES, type CustomFieldRule } from '@qb-b24/sync-core';
import { describe, expect, it } from 'vitest';
import { uncarriedCustomFieldRules } from '../user-field-context.service.js';

const rule = (over: Partial<CustomFieldRule>): CustomFieldRule => ({
  qb: { entity: 'customer', name: 'Region' },
  b24: { entity: 'contact', field: 'UF_CRM_REGION' },
  direction: 'toB24',
  ...over,
});

describe('custom-field rules this version does not carry (a warning at start)', () => {
  it('names item rules, toQb rules and the Bitrix24 half of both, and nothing else', () => {
    const problems = uncarriedCustomFieldRules({
      ...DEFAULT_MAPPING_RULES,
      customFields: [
        rule({}),
        rule({ qb: { entity: 'invoice', name: 'Project' }, b24: { entity: 'deal', field: 'UF_CRM_P' } }),
        rule({ direction: 'both' }),
        rule({ direction: 'toQb', b24: { entity: 'company', field: 'UF_CRM_X' } }),
        rule({ qb: { entity: 'item', name: 'Color' }, b24: { entity: 'product', field: 'PROPERTY_7' } }),
      ],
    });
    expect(problems).toEqual([
      'customFields[2] (customer "Region" ↔ contact UF_CRM_REGION): only QuickBooks → Bitrix24 is carried yet; edits in Bitrix24 do not reach QuickBooks',
      'customFields[3] (customer "Region" ↔ company UF_CRM_X): Bitrix24 → QuickBooks is not carried yet, so this rule does nothing',
      'customFields[4] (item "Color" ↔ product PROPERTY_7): item ↔ product values are not carried yet',
    ]);
  });
});
