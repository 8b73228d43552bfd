import type { CustomerAddRq } from '../types/requests.type.js';
import { REF_MAX } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeCustomerHead, writeCustomerTail } from './write-entity-fields.js';

/** The CustomerAddRq element, fields in XSD order (qbxml.md §4.1). Pure. */
export function customerAddPart(rq: CustomerAddRq): RequestPart {
  return {
    element: 'CustomerAddRq',
    requestID: rq.requestID,
    write: (parent) => {
      const a = rq.CustomerAdd;
      const w = parent.child('CustomerAdd');
      w.str('Name', a.Name, 41, true);
      writeCustomerHead(w, a);
      w.amount('OpenBalance', a.OpenBalance);
      w.date('OpenBalanceDate', a.OpenBalanceDate);
      writeCustomerTail(w, a);
      w.guid('ExternalGUID', a.ExternalGUID);
      w.str('TaxRegistrationNumber', a.TaxRegistrationNumber, 30);
      w.ref('CurrencyRef', a.CurrencyRef, REF_MAX.currency);
    },
  };
}

/** Builds a one-request message adding a customer or job. Pure; throws QbxmlError (e.g. Name empty after mapping). */
export function buildCustomerAddRq(rq: CustomerAddRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([customerAddPart(rq)], options);
}
