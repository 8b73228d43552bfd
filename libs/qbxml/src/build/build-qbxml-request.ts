import { assertNever } from '../assert-never.util.js';
import type { QbxmlRequest } from '../types/requests.type.js';
import { customerAddPart } from './build-customer-add-rq.js';
import { customerModPart } from './build-customer-mod-rq.js';
import { customerQueryPart } from './build-customer-query-rq.js';
import { listDeletedQueryPart, txnDeletedQueryPart } from './build-deleted-query-rq.js';
import { estimateQueryPart } from './build-estimate-query-rq.js';
import { invoiceQueryPart } from './build-invoice-query-rq.js';
import { itemInventoryAddPart, itemInventoryModPart } from './build-item-inventory-rq.js';
import { itemNonInventoryAddPart, itemNonInventoryModPart } from './build-item-non-inventory-rq.js';
import { itemQueryPart } from './build-item-query-rq.js';
import { itemServiceAddPart, itemServiceModPart } from './build-item-service-rq.js';
import { vendorQueryPart } from './build-vendor-query-rq.js';
import { vendorAddPart } from './build-vendor-add-rq.js';
import { vendorModPart } from './build-vendor-mod-rq.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';

function partFor(rq: QbxmlRequest): RequestPart {
  switch (rq.kind) {
    case 'CustomerQuery': return customerQueryPart(rq);
    case 'VendorQuery': return vendorQueryPart(rq);
    case 'ItemQuery': return itemQueryPart(rq);
    case 'InvoiceQuery': return invoiceQueryPart(rq);
    case 'EstimateQuery': return estimateQueryPart(rq);
    case 'ListDeletedQuery': return listDeletedQueryPart(rq);
    case 'TxnDeletedQuery': return txnDeletedQueryPart(rq);
    case 'CustomerAdd': return customerAddPart(rq);
    case 'CustomerMod': return customerModPart(rq);
    case 'VendorAdd': return vendorAddPart(rq);
    case 'VendorMod': return vendorModPart(rq);
    case 'ItemServiceAdd': return itemServiceAddPart(rq);
    case 'ItemServiceMod': return itemServiceModPart(rq);
    case 'ItemNonInventoryAdd': return itemNonInventoryAddPart(rq);
    case 'ItemNonInventoryMod': return itemNonInventoryModPart(rq);
    case 'ItemInventoryAdd': return itemInventoryAddPart(rq);
    case 'ItemInventoryMod': return itemInventoryModPart(rq);
    default: return assertNever(rq);
  }
}

/**
 * Builds one qbXML 13.0 message holding several requests, in the given order; QuickBooks answers in
 * the same order (qbxml.md §1.1). Pure; throws QbxmlError on invalid input (bad ids, dates, choices).
 */
export function buildQbxmlRequest(requests: readonly QbxmlRequest[], options?: BuildOptions): BuildResult {
  return buildQbxmlDocument(requests.map(partFor), options);
}
