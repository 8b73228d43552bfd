import { describe, expect, it } from 'vitest';
import { agreedFieldChanges } from '../agreed-fields.util.js';

describe('agreedFieldChanges: a write toward QuickBooks against the last agreed values', () => {
  it('a Mod lists only what differs from the agreed values', () => {
    expect(agreedFieldChanges({ name: 'Ada', phone: '555-0199', email: 'a@x.org' }, { name: 'Ada', phone: '555-0100', email: 'a@x.org' })).toEqual([
      { field: 'phone', before: '555-0100', after: '555-0199' },
    ]);
  });

  it('a value cleared in Bitrix24 shows as null after', () => {
    expect(agreedFieldChanges({ phone: undefined }, { phone: '555-0100' })).toEqual([{ field: 'phone', before: '555-0100', after: null }]);
  });

  it('an Add has every value new', () => {
    expect(agreedFieldChanges({ name: 'Ada' }, null)).toEqual([{ field: 'name', before: null, after: 'Ada' }]);
  });
});
