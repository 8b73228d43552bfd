import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFLICT_POLICY as P, mergeCustomer, type ConflictPolicy, type CustomerDesired } from '../index.js';

const base: CustomerDesired = { name: 'Acme', companyName: 'Acme', email: 'info@acme.com', phone: '555-0100', billAddress: { City: 'Springfield' } };

describe('mergeCustomer', () => {
  it('keeps everything when neither side changed', () => {
    expect(mergeCustomer(base, base, base, P)).toEqual({ merged: base, conflicts: [] });
  });

  it('takes a change made only in Bitrix24', () => {
    const b24 = { ...base, email: 'sales@acme.com', billAddress: { City: 'Shelbyville' } };
    expect(mergeCustomer(base, b24, base, P)).toEqual({ merged: b24, conflicts: [] });
  });

  it('takes a change made only in QuickBooks', () => {
    const qb = { ...base, name: 'Acme Inc', companyName: 'Acme Inc' };
    expect(mergeCustomer(base, base, qb, P)).toEqual({ merged: qb, conflicts: [] });
  });

  it('combines changes to different fields from both sides without conflicts', () => {
    const r = mergeCustomer(base, { ...base, phone: '555-0199' }, { ...base, name: 'Acme Inc' }, P);
    expect(r.merged).toEqual({ ...base, name: 'Acme Inc', phone: '555-0199' });
    expect(r.conflicts).toEqual([]);
  });

  it('lets QuickBooks win names and Bitrix24 win contact details when both changed, and lists both', () => {
    const b24 = { ...base, name: 'ACME (b24)', email: 'b24@acme.com' };
    const qb = { ...base, name: 'Acme Corp', email: 'qb@acme.com' };
    const r = mergeCustomer(base, b24, qb, P);
    expect(r.merged).toMatchObject({ name: 'Acme Corp', email: 'b24@acme.com' });
    expect(r.conflicts).toEqual([
      { field: 'name', base: 'Acme', b24: 'ACME (b24)', qb: 'Acme Corp', winner: 'qb' },
      { field: 'email', base: 'info@acme.com', b24: 'b24@acme.com', qb: 'qb@acme.com', winner: 'b24' },
    ]);
  });

  it('applies a custom policy per field', () => {
    const policy: ConflictPolicy = { default: 'b24', byField: { email: 'qb' } };
    const r = mergeCustomer(base, { ...base, name: 'B', email: 'b@x.com' }, { ...base, name: 'Q', email: 'q@x.com' }, policy);
    expect([r.merged.name, r.merged.email]).toEqual(['B', 'q@x.com']);
  });

  it('treats a field cleared on one side as a change', () => {
    const { phone: _dropped, ...noPhone } = base;
    const r = mergeCustomer(base, noPhone, base, P);
    expect(r.merged.phone).toBeUndefined();
    expect(r.conflicts).toEqual([]);
  });

  it('does not see a conflict between "Иванов" in Bitrix24 and its transliteration in QuickBooks, and keeps the Cyrillic', () => {
    const b24: CustomerDesired = { name: 'Иван Иванов', firstName: 'Иван', lastName: 'Иванов' };
    const qb: CustomerDesired = { name: 'Ivan Ivanov', firstName: 'Ivan', lastName: 'Ivanov' };
    expect(mergeCustomer(undefined, b24, qb, P)).toEqual({ merged: b24, conflicts: [] });
  });

  it('compares e-mail case-insensitively and text after truncation to the QuickBooks length', () => {
    const long = 'International Business Machines Corporation Ltd';
    const r = mergeCustomer(undefined, { name: long, email: 'A@X.COM' }, { name: long.slice(0, 41), email: 'a@x.com' }, P);
    expect(r.conflicts).toEqual([]);
  });

  it('without a base (first sync) lets the policy decide differing values and keeps values only one side has', () => {
    const r = mergeCustomer(undefined, { name: 'A', phone: '1', email: 'a@x.com' }, { name: 'B', phone: '2', fax: '3' }, P);
    expect(r.merged).toEqual({ name: 'B', phone: '1', fax: '3', email: 'a@x.com' });
    expect(r.conflicts.map((c) => [c.field, c.winner])).toEqual([
      ['name', 'qb'],
      ['phone', 'b24'],
    ]);
  });

  it('never produces a customer without a name', () => {
    const r = mergeCustomer(base, { ...base, name: '' }, base, P);
    expect(r.merged.name).toBe('Acme');
  });
});
