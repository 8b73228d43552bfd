import type { DataExtRet } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import { customFieldsToQb, nextDataExtStep, toQbCustomFieldText, type CustomFieldRule, type UserFieldDef } from '../index.js';

const def = (type: string, items: UserFieldDef['items'] = []): UserFieldDef => ({ fieldName: 'UF_CRM_X', type, items });
const tiers = def('enumeration', [
  { id: '81', label: 'Gold' },
  { id: '82', label: 'Silver' },
]);

describe('a Bitrix24 value as QuickBooks custom-field text, by the field type (bitrix24.md §5.13 legacy read formats)', () => {
  it.each<[string, unknown, UserFieldDef | undefined, string]>([
    ['text stays text, trimmed', '  North-West ', def('string'), 'North-West'],
    ['a field without a definition (product property) is text', 'Ochre', undefined, 'Ochre'],
    ['a product property read as {valueId, value}', { valueId: '7', value: 'Teal' }, undefined, 'Teal'],
    ['a legacy number string is a plain decimal', '5.50', def('double'), '5.5'],
    ['an integer', 12, def('integer'), '12'],
    ['a legacy date (midnight datetime) is MM/DD/YYYY', '2019-03-07T00:00:00+03:00', def('date'), '03/07/2019'],
    ['a boolean read as 1', 1, def('boolean'), 'Yes'],
    ['a boolean read as N', 'N', def('boolean'), 'No'],
    ['an enumeration item ID is its label', '82', tiers, 'Silver'],
    ['several items of a multiple enumeration are their labels', ['81', '82'], tiers, 'Gold, Silver'],
    ['nothing is an empty value', null, def('string'), ''],
  ])('%s', (_name, raw, d, want) => {
    expect(toQbCustomFieldText(raw, d)).toEqual({ value: want });
  });

  it.each<[string, unknown, UserFieldDef]>([
    ['a number that is none', 'ten', def('double')],
    ['a date that is none', 'soon', def('date')],
    ['an enumeration ID the list does not have', '99', tiers],
  ])('%s is a problem, not a value', (_name, raw, d) => {
    expect(toQbCustomFieldText(raw, d)).toHaveProperty('problem');
  });
});

describe('the custom-field values a Bitrix24 record sends', () => {
  const rule = (name: string, field: string): CustomFieldRule => ({ qb: { entity: 'customer', name }, b24: { entity: 'contact', field }, direction: 'both' });

  it('a value over 30 characters is cut and reported; one that does not convert is left out and reported', () => {
    const { values, problems } = customFieldsToQb(
      { UF_CRM_REGION: 'Northern Territories and Outer Islands', UF_CRM_TIER: '99', UF_CRM_CITY: 'Zürich' },
      [rule('Region', 'UF_CRM_REGION'), rule('Tier', 'UF_CRM_TIER'), rule('City', 'UF_CRM_CITY')],
      new Map([['UF_CRM_TIER', tiers]]),
    );
    expect(values).toEqual({ Region: 'Northern Territories and Outer', City: 'Zürich' });
    expect(problems.map((p) => p.field)).toEqual(['UF_CRM_REGION', 'UF_CRM_TIER']);
    expect(problems[0]?.message).toMatch(/^cut to 30 characters for QuickBooks custom field "Region"/);
  });

  it('text outside ISO-8859-1 is sent as the request will carry it, so the value read back compares equal', () => {
    expect(customFieldsToQb({ UF_CRM_CITY: 'Москва' }, [rule('City', 'UF_CRM_CITY')], new Map()).values).toEqual({ City: 'Moskva' });
  });
});

describe('the next custom-field write (qbxml.md §4.10)', () => {
  const held = (name: string, value: string, OwnerID = '0'): DataExtRet => ({ OwnerID, DataExtName: name, DataExtType: 'STR255TYPE', DataExtValue: value });

  it.each<[string, Record<string, string>, DataExtRet[], ReturnType<typeof nextDataExtStep>]>([
    ['a value QuickBooks does not have is added', { Region: 'North' }, [], { name: 'Region', verb: 'Add', value: 'North' }],
    ['a value QuickBooks has is changed', { Region: 'North' }, [held('Region', 'South')], { name: 'Region', verb: 'Mod', value: 'North' }],
    ['an empty value QuickBooks has is removed', { Region: '' }, [held('Region', 'South')], { name: 'Region', verb: 'Del' }],
    ['an empty value QuickBooks does not have is nothing to do', { Region: '' }, [], undefined],
    ['values that agree are nothing to do', { Region: 'North', Tier: 'Gold' }, [held('Region', 'North'), held('Tier', 'Gold')], undefined],
    [
      'private data of an application is not the custom field',
      { Region: 'North' },
      [held('Region', 'North', '{6B3A9C21-5D4E-4F10-9A7B-1C2D3E4F5A6B}')],
      { name: 'Region', verb: 'Add', value: 'North' },
    ],
    ['fields go in rule order', { Region: 'North', Tier: 'Gold' }, [], { name: 'Region', verb: 'Add', value: 'North' }],
  ])('%s', (_name, wanted, current, want) => {
    expect(nextDataExtStep(wanted, current)).toEqual(want);
  });

  it('a field written once in this round is not written again, even if QuickBooks kept another form of it', () => {
    expect(nextDataExtStep({ Region: 'North', Tier: 'Gold' }, [held('Region', 'NORTH')], ['Region'])).toEqual({ name: 'Tier', verb: 'Add', value: 'Gold' });
    expect(nextDataExtStep({ Region: 'North' }, [held('Region', 'NORTH')], ['Region'])).toBeUndefined();
  });
});
