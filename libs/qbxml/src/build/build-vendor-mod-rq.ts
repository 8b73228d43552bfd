import type { VendorModRq } from '../types/requests.type.js';
import { REF_MAX } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeVendorHead } from './write-entity-fields.js';

/** The VendorModRq element ([XSD] VendorMod: no OpenBalance/ExternalGUID). Pure. */
export function vendorModPart(rq: VendorModRq): RequestPart {
  return {
    element: 'VendorModRq',
    requestID: rq.requestID,
    write: (parent) => {
      const m = rq.VendorMod;
      const w = parent.child('VendorMod');
      w.id('ListID', m.ListID, 36, true);
      w.id('EditSequence', m.EditSequence, 16, true);
      w.str('Name', m.Name, 41);
      writeVendorHead(w, m);
      w.ref('SalesTaxCodeRef', m.SalesTaxCodeRef, REF_MAX.salesTaxCode);
      w.str('TaxRegistrationNumber', m.TaxRegistrationNumber, 30);
      w.ref('CurrencyRef', m.CurrencyRef, REF_MAX.currency);
    },
  };
}

/** Builds a one-request message modifying a vendor. Pure; throws QbxmlError. */
export function buildVendorModRq(rq: VendorModRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([vendorModPart(rq)], options);
}
