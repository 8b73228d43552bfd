import type { AuxListEntry } from './company-data.type.js';

/** The simple lists of a new company file (accounts, tax codes, terms, templates, …) so references resolve. Pure. */
export function defaultAuxLists(): Record<string, AuxListEntry[]> {
  const e = (i: number, FullName: string, rate?: string): AuxListEntry => ({
    ListID: `${(0x10000 + i).toString(16).toUpperCase()}-1700000000`,
    FullName,
    ...(rate ? { rate } : {}),
  });
  return {
    Account: [
      e(1, 'Accounts Receivable'),
      e(2, 'Sales'),
      e(3, 'Services'),
      e(4, 'Construction'),
      e(5, 'Cost of Goods Sold'),
      e(6, 'Inventory Asset'),
      e(7, 'Payroll Expenses'),
      e(8, 'Reimbursed Expenses'),
      e(9, 'Shipping Income'),
      e(10, 'Undeposited Funds'),
    ],
    PaymentMethod: [e(140, 'Check'), e(141, 'Cash'), e(142, 'Visa')],
    SalesTaxCode: [e(20, 'Tax'), e(21, 'Non')],
    ItemSalesTax: [e(30, 'NY State Tax', '8.875'), e(31, 'Out of State', '0.00')],
    Terms: [e(40, 'Net 30'), e(41, 'Due on receipt')],
    Template: [
      e(50, 'Intuit Service Invoice'),
      e(51, 'Intuit Product Invoice'),
      e(52, 'Custom Estimate'),
      e(53, 'Custom Sales Receipt'),
      e(54, 'Custom Credit Memo'),
      e(55, 'Custom Sales Order'),
    ],
    Class: [e(60, 'East'), e(61, 'West')],
    SalesRep: [e(70, 'JD')],
    CustomerType: [e(80, 'Retail'), e(81, 'Wholesale')],
    VendorType: [e(90, 'Supplies')],
    ShipMethod: [e(100, 'UPS')],
    CustomerMsg: [e(110, 'Thank you for your business.')],
    Employee: [e(120, 'Dana Accountant')],
    OtherName: [e(130, 'Petty Cash Owner')],
  };
}
