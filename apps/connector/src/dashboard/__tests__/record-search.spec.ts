import { describe, expect, it } from 'vitest';
import { parseSearchQuery, planSearch, toSearchHit } from '../record-search.js';

describe('record search', () => {
  it('an e-mail is matched exactly on contacts and companies only', () => {
    expect(planSearch('ann@example.com').map((p) => [p.entity, p.filter])).toEqual([
      ['contact', { EMAIL: 'ann@example.com' }],
      ['company', { EMAIL: 'ann@example.com' }],
    ]);
  });

  it('other text is a substring of names and titles, deals included (their titles carry the RefNumber)', () => {
    const plan = planSearch('1042');
    expect(plan.map((p) => p.entity)).toEqual(['contact', 'contact', 'company', 'deal', 'product']);
    expect(plan.find((p) => p.entity === 'deal')?.filter).toEqual({ '%TITLE': '1042' });
  });

  it('labels a contact with its name and first e-mail', () => {
    expect(toSearchHit('contact', { ID: '7', NAME: 'Ann', LAST_NAME: 'Lee', EMAIL: [{ VALUE: 'ann@example.com', VALUE_TYPE: 'WORK' }] })).toEqual({
      b24Entity: 'contact',
      b24Id: '7',
      label: 'Ann Lee <ann@example.com>',
    });
    expect(toSearchHit('deal', { ID: 3, TITLE: 'Invoice 1042' })).toEqual({ b24Entity: 'deal', b24Id: '3', label: 'Invoice 1042' });
  });

  it.each([
    [' ab ', 'ab'],
    ['a', null],
    ['', null],
    [undefined, null],
    [['x', 'y'], null],
    ['x'.repeat(101), null],
  ])('query %j → %j', (q, expected) => {
    expect(parseSearchQuery(q)).toBe(expected);
  });
});
