import type { CustomerRet, EstimateRet, InvoiceRet, TxnLine, TxnLineRet, VendorRet } from '@qb-b24/qbxml';

// Shapes as parseQbxmlResponse returns them (money in cents, PRICETYPE as strings), values modelled on
// shared/reference/data/qbxml/samples (qbxml-gem customer_query_rs.xml, flowlink invoice_add_rs.xml).

export function customerRet(over: Partial<CustomerRet> = {}): CustomerRet {
  return {
    ListID: '80000003-1271969969',
    TimeCreated: '2010-04-22T13:59:29-08:00',
    TimeModified: '2010-04-30T15:08:47-08:00',
    EditSequence: '1272665327',
    Name: 'Abercrombie, Kristy',
    FullName: 'Abercrombie, Kristy',
    IsActive: true,
    Sublevel: 0,
    DataExtRet: [],
    ...over,
  };
}

export function vendorRet(over: Partial<VendorRet> = {}): VendorRet {
  return {
    ListID: '50000-933272658',
    TimeCreated: '1999-07-29T11:24:18-08:00',
    TimeModified: '2010-04-30T15:08:47-08:00',
    EditSequence: '933272658',
    Name: 'Office Supplies Inc',
    IsActive: true,
    DataExtRet: [],
    ...over,
  };
}

export function line(over: Partial<TxnLineRet> = {}): TxnLine {
  return { lineType: 'item', TxnLineID: '9-1274221220', DataExtRet: [], ...over };
}

export function invoiceRet(over: Partial<InvoiceRet> = {}): InvoiceRet {
  return {
    TxnID: 'C5-1417118624',
    TimeCreated: '2014-11-27T18:03:44-02:00',
    TimeModified: '2014-11-27T18:03:44-02:00',
    EditSequence: '1417118624',
    TxnNumber: 42,
    CustomerRef: { ListID: '80000003-1271969969', FullName: 'Abercrombie, Kristy' },
    TxnDate: '2026-03-02',
    RefNumber: '1001',
    DueDate: '2026-04-01',
    Subtotal: 20600,
    SalesTaxTotal: 0,
    AppliedAmount: 0,
    BalanceRemaining: 20600,
    IsPaid: false,
    LinkedTxn: [],
    lines: [],
    DataExtRet: [],
    ...over,
  };
}

export function estimateRet(over: Partial<EstimateRet> = {}): EstimateRet {
  return {
    TxnID: 'D1-1417118700',
    TimeCreated: '2014-11-27T18:05:00-02:00',
    TimeModified: '2014-11-27T18:05:00-02:00',
    EditSequence: '1417118700',
    CustomerRef: { ListID: '80000003-1271969969' },
    TxnDate: '2026-03-05',
    RefNumber: '17',
    Subtotal: 50000,
    TotalAmount: 54000,
    IsActive: true,
    LinkedTxn: [],
    lines: [],
    DataExtRet: [],
    ...over,
  };
}
