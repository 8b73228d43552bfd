import type { VendorAddRq } from '../types/requests.type.js';
import { REF_MAX } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeVendorHead } from './write-entity-fields.js';

/** The VendorAddRq element, fields in XSD order (qbxml.md §4.2). Pure. */
export function vendorAddPart(rq: VendorAddRq): RequestPart {
  return {
    element: 'VendorAddRq',
    requestID: rq.requestID,
    write: (parent) => {
      const a = rq.VendorAdd;
      const w = parent.child('VendorAdd');
      w.str('Name', a.Name, 41, true);
      writeVendorHead(w, a);
      w.amount('OpenBalance', a.OpenBalance);
      w.date('OpenBalanceDate', a.OpenBalanceDate);
      w.guid('ExternalGUID', a.ExternalGUID);
      w.ref('SalesTaxCodeRef', a.SalesTaxCodeRef, REF_MAX.salesTaxCode);
      w.str('TaxRegistrationNumber', a.TaxRegistrationNumber, 30);
      w.ref('CurrencyRef', a.CurrencyRef, REF_MAX.currency);
    },
  };
}

/** Builds a one-request message adding a vendor. Pure; throws QbxmlError. */
export function buildVendorAddRq(rq: VendorAddRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([vendorAddPart(rq)], options);
}
