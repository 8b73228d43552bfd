import { QuickBooksCompany, type QuickBooksCompanyOptions } from '../company/quickbooks-company.js';

/** A small company for the payments / DataExt / LinkedTxn specs: one customer, two items, nothing else. */
export function smallBooks(options: QuickBooksCompanyOptions = {}): { c: QuickBooksCompany; customer: string; service: string; gadget: string } {
  const c = new QuickBooksCompany({ now: new Date('2024-05-01T15:00:00Z'), ...options });
  const customer = c.userAddList('Customer', { Name: 'Steve Anderson' });
  const service = c.userAddList('ItemService', {
    Name: 'Consulting',
    SalesTaxCodeRef: { FullName: 'Non' },
    SalesOrPurchase: { Price: '100.00', AccountRef: { FullName: 'Services' } },
  });
  const gadget = c.userAddList('ItemNonInventory', {
    Name: 'Gadget',
    SalesTaxCodeRef: { FullName: 'Tax' },
    SalesOrPurchase: { Price: '19.99', AccountRef: { FullName: 'Sales' } },
  });
  return { c, customer, service, gadget };
}

/** The TxnLineIDs of a transaction, in line order. */
export function lineIds(c: QuickBooksCompany, txnId: string): string[] {
  const ret = c.getRet(txnId) ?? {};
  const lines = Object.entries(ret).find(([k]) => k.endsWith('LineRet'))?.[1];
  return (Array.isArray(lines) ? lines : []).map((l) => (typeof l === 'object' && !Array.isArray(l) ? String(l['TxnLineID']) : ''));
}
