import type { QbxmlRequest, QbxmlRequestKind } from '../types/requests.type.js';
import { dataExtAddPart, dataExtDelPart, dataExtModPart } from './build-data-ext-rq.js';
import { customerAddPart } from './build-customer-add-rq.js';
import { customerModPart } from './build-customer-mod-rq.js';
import { creditMemoQueryPart } from './build-credit-memo-query-rq.js';
import { customerQueryPart } from './build-customer-query-rq.js';
import { listDeletedQueryPart, txnDeletedQueryPart } from './build-deleted-query-rq.js';
import { estimateQueryPart } from './build-estimate-query-rq.js';
import { invoiceQueryPart } from './build-invoice-query-rq.js';
import { salesOrderQueryPart } from './build-sales-order-query-rq.js';
import { invoiceAddPart, invoiceModPart, salesOrderAddPart, salesOrderModPart } from './build-sales-doc-add-rq.js';
import { itemInventoryAddPart, itemInventoryModPart } from './build-item-inventory-rq.js';
import { itemNonInventoryAddPart, itemNonInventoryModPart } from './build-item-non-inventory-rq.js';
import { itemQueryPart } from './build-item-query-rq.js';
import { itemServiceAddPart, itemServiceModPart } from './build-item-service-rq.js';
import { salesReceiptQueryPart } from './build-sales-receipt-query-rq.js';
import { receivePaymentQueryPart } from './build-receive-payment-query-rq.js';
import { vendorQueryPart } from './build-vendor-query-rq.js';
import { vendorAddPart } from './build-vendor-add-rq.js';
import { vendorModPart } from './build-vendor-mod-rq.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';

/** One builder per request kind; the mapped type makes a new kind without a builder a compile error. */
type PartBuilders = { readonly [K in QbxmlRequestKind]: (rq: Extract<QbxmlRequest, { readonly kind: K }>) => RequestPart };

const PART_BUILDERS: PartBuilders = {
  CustomerQuery: customerQueryPart,
  VendorQuery: vendorQueryPart,
  ItemQuery: itemQueryPart,
  InvoiceQuery: invoiceQueryPart,
  EstimateQuery: estimateQueryPart,
  SalesReceiptQuery: salesReceiptQueryPart,
  CreditMemoQuery: creditMemoQueryPart,
  SalesOrderQuery: salesOrderQueryPart,
  ReceivePaymentQuery: receivePaymentQueryPart,
  ListDeletedQuery: listDeletedQueryPart,
  TxnDeletedQuery: txnDeletedQueryPart,
  CustomerAdd: customerAddPart,
  CustomerMod: customerModPart,
  VendorAdd: vendorAddPart,
  VendorMod: vendorModPart,
  ItemServiceAdd: itemServiceAddPart,
  ItemServiceMod: itemServiceModPart,
  ItemNonInventoryAdd: itemNonInventoryAddPart,
  ItemNonInventoryMod: itemNonInventoryModPart,
  ItemInventoryAdd: itemInventoryAddPart,
  ItemInventoryMod: itemInventoryModPart,
  DataExtAdd: dataExtAddPart,
  DataExtMod: dataExtModPart,
  DataExtDel: dataExtDelPart,
  SalesOrderAdd: salesOrderAddPart,
  InvoiceAdd: invoiceAddPart,
  SalesOrderMod: salesOrderModPart,
  InvoiceMod: invoiceModPart,
};

function partFor(rq: QbxmlRequest): RequestPart {
  // TypeScript cannot correlate PART_BUILDERS[rq.kind] with rq's own member of the union; PartBuilders
  // pairs each kind with the builder of exactly that request, so the widening is sound.
  const build = PART_BUILDERS[rq.kind] as (rq: QbxmlRequest) => RequestPart;
  return build(rq);
}

/**
 * Builds one qbXML 13.0 message holding several requests, in the given order; QuickBooks answers in
 * the same order (qbxml.md §1.1). Pure; throws QbxmlError on invalid input (bad ids, dates, choices).
 */
export function buildQbxmlRequest(requests: readonly QbxmlRequest[], options?: BuildOptions): BuildResult {
  return buildQbxmlDocument(requests.map(partFor), options);
}
