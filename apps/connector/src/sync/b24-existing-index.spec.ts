import { describe, expect, it } from 'vitest';
import { ExistingIndex, type ExistingRecord } from './b24-existing-index.js';

const product = (id: string, name: string, xmlId = ''): ExistingRecord => ({ id, originatorId: '', originId: '', xmlId, name, emails: [], phones: [] });
const byName = (name: string) => ({ emails: [], phones: [], name });

describe('ExistingIndex matching products by name', () => {
  it('links the one product with that name', () => {
    const index = new ExistingIndex([product('1', 'Design 1'), product('2', 'Other')], 'QB');
    expect(index.match(byName('Design 1'))).toEqual({ kind: 'unique', id: '1', by: 'name' });
  });

  it('reports several products with that name as ambiguous', () => {
    const index = new ExistingIndex([product('1', 'Design 2'), product('2', 'Design 2')], 'QB');
    expect(index.match(byName('Design 2'))).toEqual({ kind: 'ambiguous', ids: ['1', '2'] });
  });

  it("never takes a product that is another QuickBooks item's (XML_ID QB_…)", () => {
    const index = new ExistingIndex([product('1', 'Hinge', 'QB_80000001-1'), product('2', 'Hinge', '2')], 'QB');
    expect(index.match(byName('Hinge'))).toEqual({ kind: 'unique', id: '2', by: 'name' });
  });

  it('links a product to one item only', () => {
    const index = new ExistingIndex([product('1', 'Hinge')], 'QB');
    expect(index.match(byName('Hinge')).kind).toBe('unique');
    expect(index.match(byName('Hinge')).kind).toBe('none');
  });
});
