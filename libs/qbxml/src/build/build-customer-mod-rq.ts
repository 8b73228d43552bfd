import type { CustomerModRq } from '../types/requests.type.js';
import { REF_MAX } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeCustomerHead, writeCustomerTail } from './write-entity-fields.js';

/** The CustomerModRq element: ListID + EditSequence first (a stale one gets 3200), then Add order minus OpenBalance/ExternalGUID. Pure. */
export function customerModPart(rq: CustomerModRq): RequestPart {
  return {
    element: 'CustomerModRq',
    requestID: rq.requestID,
    write: (parent) => {
      const m = rq.CustomerMod;
      const w = parent.child('CustomerMod');
      w.id('ListID', m.ListID, 36, true);
      w.id('EditSequence', m.EditSequence, 16, true);
      w.str('Name', m.Name, 41);
      writeCustomerHead(w, m);
      writeCustomerTail(w, m);
      w.str('TaxRegistrationNumber', m.TaxRegistrationNumber, 30);
      w.ref('CurrencyRef', m.CurrencyRef, REF_MAX.currency);
    },
  };
}

/** Builds a one-request message modifying a customer. Pure; throws QbxmlError. */
export function buildCustomerModRq(rq: CustomerModRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([customerModPart(rq)], options);
}
