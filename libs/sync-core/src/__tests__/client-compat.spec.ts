import type { CompanyFields, ContactFields, DealFields, DesiredMultiFieldValue, ProductFields, ProductRowInput } from '@qb-b24/bitrix24-client';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING_OPTIONS as O, invoiceToDeal, itemToProduct, planCustomer, vendorToContact } from '../index.js';
import { customerRet, invoiceRet, line, vendorRet } from './fixtures.js';

// The desired shapes go to the bitrix24-client lib as they are: these assignments fail to type-check
// (vitest's SWC does not type-check, but the spec check with tsc does) if the two libs drift apart.
describe('desired shapes fit the bitrix24-client write types', () => {
  it('contact, company, deal, product, product rows and multi-field values', () => {
    const plan = planCustomer(customerRet({ CompanyName: 'Acme', FirstName: 'A', Email: 'a@b.c' }), O);
    if (plan.kind !== 'company' || plan.contact === undefined) throw new Error('expected company with contact');
    const contact: ContactFields = plan.contact;
    const vendor: ContactFields = vendorToContact(vendorRet(), O);
    const company: CompanyFields = plan.company;
    const dealPlan = invoiceToDeal(invoiceRet({ lines: [line({ ItemRef: { ListID: 'X' }, Amount: 100 })] }), O, { productIdByItemListId: new Map() });
    const deal: DealFields = dealPlan.deal;
    const rows: readonly ProductRowInput[] = dealPlan.rows;
    const product: ProductFields = itemToProduct(
      { ListID: 'L', TimeCreated: '', TimeModified: '', EditSequence: '1', Name: 'W', FullName: 'W', DataExtRet: [], itemType: 'Service' },
      O,
    );
    const emails: readonly DesiredMultiFieldValue[] = plan.company.EMAIL;
    expect([contact.NAME, vendor.TYPE_ID, company.TITLE, deal.TITLE, rows.length, product.XML_ID, emails.length]).toEqual([
      'A',
      'SUPPLIER',
      'Acme',
      'Invoice 1001',
      1,
      'QB_L',
      1,
    ]);
  });
});
