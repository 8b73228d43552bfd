import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS, salesOrderDealStageId, salesOrderDone } from '../index.js';

const o = { ...DEFAULT_MAPPING_OPTIONS, salesOrderStageId: 'SO', unpaidStageId: 'OPEN', partiallyPaidStageId: 'PART', paidStageId: 'PAID' };

describe('the stage of the deal a sales order shares with its invoices', () => {
  it.each([
    ['not fully invoiced, one invoice paid', false, ['paid'], 'SO'],
    ['fully invoiced, no invoice seen yet', true, [], 'SO'],
    ['fully invoiced, both invoices open', true, ['open', 'open'], 'OPEN'],
    ['fully invoiced, one of two paid', true, ['paid', 'open'], 'PART'],
    ['fully invoiced, one partly paid', true, ['partly', 'open'], 'PART'],
    ['fully invoiced, every invoice paid', true, ['paid', 'paid'], 'PAID'],
  ] as const)('%s → %s', (_name, done, invoices, stage) => {
    expect(salesOrderDealStageId(done, invoices, o)).toBe(stage);
  });

  it('an order closed by hand expects no more invoices, like a fully invoiced one', () => {
    expect(salesOrderDone({ IsFullyInvoiced: false, IsManuallyClosed: true })).toBe(true);
    expect(salesOrderDone({ IsFullyInvoiced: false, IsManuallyClosed: false })).toBe(false);
  });
});
