import { CLEAR, type QbxmlRequest } from '../index.js';

const account = { FullName: 'Services' } as const;

/** One named request per builder and notable option; each becomes a golden file and is XSD-checked. */
// biome-ignore format: one request per line keeps the case table scannable
export const REQUEST_CASES: readonly { readonly name: string; readonly rq: QbxmlRequest }[] = [
  { name: 'customer-query.iterator-start-modified-since', rq: { kind: 'CustomerQuery', requestID: 'ob-1', iterator: { iterator: 'Start' }, MaxReturned: 100, ActiveStatus: 'All', FromModifiedDate: '2024-03-01T10:00:00', OwnerID: ['0'] } },
  { name: 'customer-query.iterator-continue', rq: { kind: 'CustomerQuery', requestID: 'ob-2', iterator: { iterator: 'Continue', iteratorID: '{6b474085-9943-46e2-ad71-d0a5aba9e948}' }, MaxReturned: 100 } },
  { name: 'customer-query.by-list-id', rq: { kind: 'CustomerQuery', requestID: 'ob-3', ListID: ['80000003-1271969969', '80000004-1271969970'] } },
  { name: 'customer-query.by-full-name', rq: { kind: 'CustomerQuery', requestID: 'ob-4', FullName: ['Acme Corp:Website'], IncludeRetElement: ['ListID', 'EditSequence'] } },
  { name: 'customer-query.name-filter-range', rq: { kind: 'CustomerQuery', requestID: 'ob-5', MaxReturned: 10, ActiveStatus: 'InactiveOnly', FromModifiedDate: '2024-01-01', ToModifiedDate: '2024-02-01T00:00:00-05:00', NameFilter: { MatchCriterion: 'StartsWith', Name: 'Ac' } } },
  { name: 'vendor-query.modified-since', rq: { kind: 'VendorQuery', requestID: 'ob-6', iterator: { iterator: 'Start' }, MaxReturned: 50, ActiveStatus: 'All', FromModifiedDate: '2024-03-01T10:00:00', NameRangeFilter: { FromName: 'A', ToName: 'M' } } },
  { name: 'item-query.all-types', rq: { kind: 'ItemQuery', requestID: 'ob-7', iterator: { iterator: 'Start' }, MaxReturned: 200, ActiveStatus: 'All', FromModifiedDate: '2024-03-01T10:00:00', OwnerID: ['0'] } },
  { name: 'item-query.stop', rq: { kind: 'ItemQuery', requestID: 'ob-8', iterator: { iterator: 'Stop', iteratorID: '{0b2f6a43-5d0e-4f5e-9d43-7b1c2a9e0d11}' } } },
  { name: 'invoice-query.modified-range-lines', rq: { kind: 'InvoiceQuery', requestID: 'ob-9', iterator: { iterator: 'Start' }, MaxReturned: 50, ModifiedDateRangeFilter: { FromModifiedDate: '2024-01-01T00:00:00', ToModifiedDate: '2024-02-01T00:00:00' }, EntityFilter: { FullNameWithChildren: 'Acme Corp' }, PaidStatus: 'NotPaidOnly', IncludeLineItems: true, IncludeLinkedTxns: true, OwnerID: ['0'] } },
  { name: 'invoice-query.by-txn-id', rq: { kind: 'InvoiceQuery', requestID: 'ob-10', TxnID: ['7-1274221220'], IncludeLineItems: true } },
  { name: 'invoice-query.by-ref-number', rq: { kind: 'InvoiceQuery', requestID: 'ob-11', RefNumber: ['1001', '1002'] } },
  { name: 'estimate-query.txn-date-range', rq: { kind: 'EstimateQuery', requestID: 'ob-12', MaxReturned: 20, TxnDateRangeFilter: { FromTxnDate: '2024-01-01', ToTxnDate: '2024-01-31' }, EntityFilter: { ListID: ['80000001-1706000000'] }, RefNumberFilter: { MatchCriterion: 'Contains', RefNumber: '10' }, IncludeLineItems: true } },
  { name: 'estimate-query.modified-since', rq: { kind: 'EstimateQuery', requestID: 'ob-13', iterator: { iterator: 'Start' }, MaxReturned: 50, ModifiedDateRangeFilter: { FromModifiedDate: '2024-01-01T00:00:00' }, IncludeLineItems: true, OwnerID: ['0'] } },
  { name: 'receive-payment-query.iterator-start-modified-since', rq: { kind: 'ReceivePaymentQuery', requestID: 'ob-34', iterator: { iterator: 'Start' }, MaxReturned: 100, ModifiedDateRangeFilter: { FromModifiedDate: '2024-05-01T00:00:00' }, IncludeLineItems: true } },
  { name: 'receive-payment-query.by-txn-id', rq: { kind: 'ReceivePaymentQuery', requestID: 'ob-35', TxnID: ['4ECE-1360116101'] } },
  { name: 'list-deleted-query', rq: { kind: 'ListDeletedQuery', requestID: 'ob-14', ListDelType: ['Customer', 'Vendor', 'ItemService', 'ItemNonInventory', 'ItemInventory'], FromDeletedDate: '2024-01-01T00:00:00' } },
  { name: 'txn-deleted-query', rq: { kind: 'TxnDeletedQuery', requestID: 'ob-15', TxnDelType: ['Invoice', 'Estimate'], FromDeletedDate: '2024-01-01T00:00:00', ToDeletedDate: '2024-02-01T00:00:00' } },
  {
    name: 'customer-add.full',
    rq: {
      kind: 'CustomerAdd', requestID: 'ob-16',
      CustomerAdd: {
        Name: 'Acme Corp', IsActive: true, CompanyName: 'Acme Corporation', Salutation: 'Mr.', FirstName: 'John', MiddleName: 'Q', LastName: 'Smith', JobTitle: 'CEO',
        BillAddress: { Addr1: '1 Main St', City: 'Springfield', State: 'IL', PostalCode: '62701', Country: 'USA' },
        ShipAddress: { Addr1: 'Dock 4', City: 'Springfield' }, Phone: '555-0100', AltPhone: '555-0101', Fax: '555-0102', Email: 'john@acme.test', Cc: 'ap@acme.test', Contact: 'John Smith',
        TermsRef: { FullName: 'Net 30' }, OpenBalance: 12345, OpenBalanceDate: '2024-01-01', SalesTaxCodeRef: { FullName: 'Tax' }, AccountNumber: 'B24-42', CreditLimit: 500000,
        JobStatus: 'None', Notes: 'Synced from Bitrix24', ExternalGUID: '{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}',
      },
    },
  },
  { name: 'customer-add.job', rq: { kind: 'CustomerAdd', requestID: 'ob-17', CustomerAdd: { Name: 'Website', ParentRef: { FullName: 'Acme Corp' }, JobStatus: 'Awarded', JobStartDate: '2024-03-01', JobDesc: 'New website' } } },
  { name: 'customer-mod.rename', rq: { kind: 'CustomerMod', requestID: 'ob-18', CustomerMod: { ListID: '80000003-1271969969', EditSequence: '1272665327', Name: 'Acme Corp.', IsActive: true, Phone: '555-0199', BillAddress: { Addr1: '2 Main St' } } } },
  // A contact's phones, e-mail and two address lines deleted in Bitrix24: empty elements in XSD position, the whole address sent.
  { name: 'customer-mod.clear-contact-details', rq: { kind: 'CustomerMod', requestID: 'ob-29', CustomerMod: { ListID: '80000003-1271969969', EditSequence: '1272665327', Name: 'Acme Corp', BillAddress: { Addr1: '1 Main St', Addr2: CLEAR, Addr3: CLEAR, City: 'Springfield', State: CLEAR, PostalCode: '62701' }, Phone: CLEAR, AltPhone: CLEAR, Fax: CLEAR, Email: CLEAR, Notes: 'kept' } } },
  { name: 'customer-mod.deactivate', rq: { kind: 'CustomerMod', requestID: 'ob-19', CustomerMod: { ListID: '80000003-1271969969', EditSequence: '1272665327', IsActive: false } } },
  { name: 'vendor-add.full', rq: { kind: 'VendorAdd', requestID: 'ob-20', VendorAdd: { Name: 'Paper Co', IsActive: true, CompanyName: 'Paper Company', FirstName: 'Ann', LastName: 'Lee', VendorAddress: { Addr1: '9 Mill Rd', City: 'Scranton', State: 'PA' }, Phone: '555-0200', Email: 'ann@paper.test', NameOnCheck: 'Paper Company', AccountNumber: 'V-1', TermsRef: { FullName: 'Net 15' }, CreditLimit: 100000, VendorTaxIdent: '12-3456789', IsVendorEligibleFor1099: false, OpenBalance: 0, ExternalGUID: '{57F3B9B1-86F1-4fcc-B1EE-566DE1813D21}' } } },
  { name: 'vendor-mod', rq: { kind: 'VendorMod', requestID: 'ob-21', VendorMod: { ListID: '80000010-1271969969', EditSequence: '1272665999', Name: 'Paper Co Ltd', Phone: '555-0201', IsVendorEligibleFor1099: true } } },
  { name: 'item-service-add.sales-or-purchase', rq: { kind: 'ItemServiceAdd', requestID: 'ob-22', ItemServiceAdd: { Name: 'Consulting', IsActive: true, SalesTaxCodeRef: { FullName: 'Non' }, SalesOrPurchase: { Desc: 'Consulting hour', Price: '100.00', AccountRef: account } } } },
  { name: 'item-service-add.sales-and-purchase', rq: { kind: 'ItemServiceAdd', requestID: 'ob-23', ItemServiceAdd: { Name: 'Subcontract', ParentRef: { FullName: 'Services' }, SalesAndPurchase: { SalesDesc: 'Subcontracted work', SalesPrice: 80, IncomeAccountRef: account, PurchaseDesc: 'Subcontractor', PurchaseCost: 50, ExpenseAccountRef: { FullName: 'Cost of Goods Sold' }, PrefVendorRef: { FullName: 'Paper Co' } } } } },
  { name: 'item-service-mod', rq: { kind: 'ItemServiceMod', requestID: 'ob-24', ItemServiceMod: { ListID: '80000002-1273542783', EditSequence: '1273542783', Name: 'Consulting+', SalesOrPurchaseMod: { Price: 120.5, AccountRef: account, ApplyAccountRefToExistingTxns: false } } } },
  { name: 'item-service-mod.clear-desc', rq: { kind: 'ItemServiceMod', requestID: 'ob-30', ItemServiceMod: { ListID: '80000002-1273542783', EditSequence: '1273542783', Name: 'Consulting', SalesOrPurchaseMod: { Desc: CLEAR, Price: '100.00' } } } },
  { name: 'item-non-inventory-add', rq: { kind: 'ItemNonInventoryAdd', requestID: 'ob-25', ItemNonInventoryAdd: { Name: 'Cable', ParentRef: { FullName: 'Hardware' }, ClassRef: { FullName: 'East' }, ManufacturerPartNumber: 'CB-1', SalesOrPurchase: { Price: 12.5, AccountRef: { FullName: 'Sales' } } } } },
  { name: 'item-non-inventory-mod', rq: { kind: 'ItemNonInventoryMod', requestID: 'ob-26', ItemNonInventoryMod: { ListID: '80000005-1700000002', EditSequence: '1699981602', ClassRef: { FullName: 'East' }, ParentRef: { FullName: 'Hardware' }, SalesAndPurchaseMod: { SalesPrice: 13, IncomeAccountRef: { FullName: 'Sales' }, ApplyIncomeAccountRefToExistingTxns: true, PurchaseCost: 7 } } } },
  { name: 'item-non-inventory-mod.clear-sales-desc', rq: { kind: 'ItemNonInventoryMod', requestID: 'ob-31', ItemNonInventoryMod: { ListID: '80000005-1700000002', EditSequence: '1699981602', ManufacturerPartNumber: CLEAR, SalesAndPurchaseMod: { SalesDesc: CLEAR, SalesPrice: 13, PurchaseDesc: CLEAR } } } },
  { name: 'item-inventory-add', rq: { kind: 'ItemInventoryAdd', requestID: 'ob-27', ItemInventoryAdd: { Name: 'Widget', IsActive: true, SalesDesc: 'A widget', SalesPrice: 19.99, IncomeAccountRef: { FullName: 'Sales' }, PurchaseDesc: 'Widget from supplier', PurchaseCost: 7.5, COGSAccountRef: { FullName: 'Cost of Goods Sold' }, PrefVendorRef: { FullName: 'Paper Co' }, AssetAccountRef: { FullName: 'Inventory Asset' }, ReorderPoint: 10, Max: 100, QuantityOnHand: 25, TotalValue: 18750, InventoryDate: '2024-01-01' } } },
  { name: 'item-inventory-mod', rq: { kind: 'ItemInventoryMod', requestID: 'ob-28', ItemInventoryMod: { ListID: '80000027-1415713663', EditSequence: '1415713663', SalesPrice: '21.00000', IncomeAccountRef: { ListID: '80000010-1700000000' }, ApplyIncomeAccountRefToExistingTxns: false, COGSAccountRef: { FullName: 'Cost of Goods Sold' }, ApplyCOGSAccountRefToExistingTxns: false, ReorderPoint: 5 } } },
  { name: 'item-inventory-mod.clear-desc', rq: { kind: 'ItemInventoryMod', requestID: 'ob-32', ItemInventoryMod: { ListID: '80000027-1415713663', EditSequence: '1415713663', Name: 'Widget', SalesDesc: CLEAR, SalesPrice: 19.99, PurchaseDesc: CLEAR } } },
  { name: 'vendor-mod.clear-phone', rq: { kind: 'VendorMod', requestID: 'ob-33', VendorMod: { ListID: '80000010-1271969969', EditSequence: '1272665999', VendorAddress: { Addr1: '9 Mill Rd', City: CLEAR }, Phone: CLEAR, Email: 'ann@paper.test' } } },
];
