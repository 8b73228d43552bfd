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
  it('names only the Bitrix24 → QuickBooks half of vendor and invoice rules; customer and item rules travel both ways', () => {
    const problems = uncarriedCustomFieldRules({
      ...DEFAULT_MAPPING_RULES,
      customFields: [
        rule({}),
        rule({ qb: { entity: 'invoice', name: 'Project' }, b24: { entity: 'deal', field: 'UF_CRM_P' } }),
        rule({ direction: 'both' }),
        rule({ direction: 'toQb', b24: { entity: 'company', field: 'UF_CRM_X' } }),
        rule({ qb: { entity: 'item', name: 'Color' }, b24: { entity: 'product', field: 'PROPERTY_7' }, direction: 'both' }),
        rule({ qb: { entity: 'vendor', name: 'Account' }, direction: 'both' }),
        rule({ qb: { entity: 'invoice', name: 'Project' }, b24: { entity: 'deal', field: 'UF_CRM_P' }, direction: 'toQb' }),
      ],
    });
    expect(problems).toEqual([
      'customFields[5] (vendor "Account" ↔ contact UF_CRM_REGION): only QuickBooks → Bitrix24 is carried for vendors; edits in Bitrix24 do not reach QuickBooks',
      'customFields[6] (invoice "Project" ↔ deal UF_CRM_P): Bitrix24 → QuickBooks is not carried for invoices, so this rule does nothing',
    ]);
  });
});
