import type { MappingRules } from './mapping-rules.type.js';

/**
 * The rules without a mapping file: INTERFACE.md "Default mapping" and issue 15. Two defaults changed from the seed:
 * only CLIENT contacts / CUSTOMER companies go to QuickBooks, and a QuickBooks delete marks instead of deleting.
 */
export const DEFAULT_MAPPING_RULES: MappingRules = deepFreeze({
  deals: {
    categoryId: 0,
    stages: {
      invoiceOpen: 'EXECUTING',
      invoicePartiallyPaid: 'EXECUTING',
      invoicePaid: 'WON',
      estimate: 'PREPARATION',
      salesReceipt: 'WON',
      creditMemo: 'APOLOGY',
      // Between the estimate (PREPARATION) and the open invoice (EXECUTING) in the default pipeline, and an
      // in-progress stage: an order is agreed but not yet billed, so it is neither an offer nor won.
      salesOrder: 'PREPAYMENT_INVOICE',
      deleted: 'LOSE',
    },
    amount: 'subtotal',
    currency: 'USD',
    fields: { creditRemaining: null, amountPaid: null, balance: null },
  },
  toQuickBooks: {
    contactTypes: ['CLIENT'],
    companyTypes: ['CUSTOMER'],
    products: true,
    deals: { enabled: false, stages: ['WON'], create: 'salesOrder', txnIdField: null },
  },
  customFields: [],
  deletes: { fromQuickBooks: 'mark', inactiveField: null },
  vendors: { contactType: 'SUPPLIER' },
  payments: { unappliedField: { contact: null, company: null } },
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
