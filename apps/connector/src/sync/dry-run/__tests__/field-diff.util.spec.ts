import { describe, expect, it } from 'vitest';
import { diffFields, PRODUCT_ROWS, shownValue } from '../field-diff.util.js';

describe('diffFields: what a write would change on a Bitrix24 record', () => {
  it('lists only the fields whose value changes, with the value before and after', () => {
    const current = { TITLE: 'Invoice 7', STAGE_ID: 'EXECUTING', OPPORTUNITY: '120.00' };
    expect(diffFields(current, { TITLE: 'Invoice 7', STAGE_ID: 'WON', OPPORTUNITY: 120 })).toEqual([{ field: 'STAGE_ID', before: 'EXECUTING', after: 'WON' }]);
  });

  it('a record to create has every field new, before null', () => {
    expect(diffFields(null, { NAME: 'Dora', TYPE_ID: 'CLIENT' })).toEqual([
      { field: 'NAME', before: null, after: 'Dora' },
      { field: 'TYPE_ID', before: null, after: 'CLIENT' },
    ]);
  });

  it('does not report a date Bitrix24 answers as midnight in its own zone as changed', () => {
    expect(diffFields({ BEGINDATE: '2023-09-14T00:00:00+03:00' }, { BEGINDATE: '2023-09-14' })).toEqual([]);
  });

  it('compares e-mails and phones by value (phones by digits), not by the multi-field ids Bitrix24 adds', () => {
    const current = { PHONE: [{ ID: '7', VALUE: '(555) 010-0', VALUE_TYPE: 'WORK' }], EMAIL: [{ ID: '8', VALUE: 'A@x.org', VALUE_TYPE: 'WORK' }] };
    expect(diffFields(current, { PHONE: [{ VALUE: '555-0100', VALUE_TYPE: 'WORK' }], EMAIL: [{ VALUE: 'a@x.org', VALUE_TYPE: 'WORK' }] })).toEqual([]);
    expect(diffFields(current, { PHONE: [{ VALUE: '555-0199', VALUE_TYPE: 'WORK' }] })).toEqual([{ field: 'PHONE', before: ['5550100'], after: ['5550199'] }]);
  });

  it('shows product rows as one field, compared on the columns we write', () => {
    const rows = {
      current: [{ ID: '1', PRODUCT_ID: '4', PRICE: '9.99', QUANTITY: '2', MEASURE_CODE: '796' }],
      desired: [{ PRODUCT_ID: '4', PRICE: 9.99, QUANTITY: 3 }],
    };
    expect(diffFields({}, {}, rows)).toEqual([
      { field: PRODUCT_ROWS, before: [{ PRODUCT_ID: 4, PRICE: 9.99, QUANTITY: 2 }], after: [{ PRODUCT_ID: 4, PRICE: 9.99, QUANTITY: 3 }] },
    ]);
    expect(diffFields({}, {}, { ...rows, desired: [{ PRODUCT_ID: '4', PRICE: 9.99, QUANTITY: 2 }] })).toEqual([]);
  });

  it('keeps a ZIP code with a leading zero as text', () => {
    expect(shownValue('ADDRESS_POSTAL_CODE', '02134')).toBe('02134');
  });
});
