// TotalBalance of a customer = its own open balance + that of its jobs and their sub-jobs (qbxml.md §10 item 29).
import { describe, expect, it } from 'vitest';
import { QuickBooksCompany } from '../company/quickbooks-company.js';

describe('QuickBooks company emulator — customer TotalBalance', () => {
  it('adds the jobs and sub-jobs, not a customer whose name only starts the same, and follows payments and renames', () => {
    const c = new QuickBooksCompany({ now: new Date('2024-03-01T15:00:00Z') });
    const item = c.userAddList('ItemService', { Name: 'Svc', SalesOrPurchase: { Price: '1.00', AccountRef: { FullName: 'Services' } } });
    const invoice = (customer: string, rate: string): string =>
      c.userAddTxn('Invoice', { CustomerRef: { ListID: customer } }, [{ ItemRef: { ListID: item }, Quantity: '1', Rate: rate }]);
    const parent = c.userAddList('Customer', { Name: 'Parent' });
    const job = c.userAddList('Customer', { Name: 'Job', ParentRef: { ListID: parent } });
    const sub = c.userAddList('Customer', { Name: 'Phase 2', ParentRef: { ListID: job } });
    const lookalike = c.userAddList('Customer', { Name: 'Parent 2' });
    invoice(parent, '1.00');
    invoice(job, '20.00');
    const subInvoice = invoice(sub, '300.00');
    invoice(lookalike, '4000.00');
    const balances = (id: string): unknown[] => [c.getRet(id)?.['Balance'], c.getRet(id)?.['TotalBalance']];
    expect(balances(parent)).toEqual(['1.00', '321.00']);
    expect(balances(job)).toEqual(['20.00', '320.00']);
    expect(balances(sub)).toEqual(['300.00', '300.00']);
    expect(balances(lookalike)).toEqual(['4000.00', '4000.00']);
    c.userReceivePayment(subInvoice, '100.00');
    expect(balances(parent)).toEqual(['1.00', '221.00']);
    c.userEdit(job, { ParentRef: { ListID: lookalike } });
    expect(balances(parent)).toEqual(['1.00', '1.00']);
    expect(balances(lookalike)).toEqual(['4000.00', '4220.00']);
  });
});
