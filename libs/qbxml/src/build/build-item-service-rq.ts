import type { ItemServiceAddRq, ItemServiceModRq } from '../types/requests.type.js';
import { REF_MAX } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeSalesChoice, writeSalesModChoice } from './write-item-fields.js';

/** ItemServiceAddRq: Name ≤31, …, ClassRef before ParentRef, then the sales choice ([XSD] ItemServiceAdd). Pure. */
export function itemServiceAddPart(rq: ItemServiceAddRq): RequestPart {
  return {
    element: 'ItemServiceAddRq',
    requestID: rq.requestID,
    write: (parent) => {
      const a = rq.ItemServiceAdd;
      const w = parent.child('ItemServiceAdd');
      w.str('Name', a.Name, 31, true);
      w.bool('IsActive', a.IsActive);
      w.ref('ClassRef', a.ClassRef);
      w.ref('ParentRef', a.ParentRef);
      w.ref('UnitOfMeasureSetRef', a.UnitOfMeasureSetRef, REF_MAX.simple);
      w.bool('IsTaxIncluded', a.IsTaxIncluded);
      w.ref('SalesTaxCodeRef', a.SalesTaxCodeRef, REF_MAX.salesTaxCode);
      writeSalesChoice(w, a);
      w.guid('ExternalGUID', a.ExternalGUID);
    },
  };
}

/** ItemServiceModRq: ListID, EditSequence, then Add order with ForceUOMChange ([FLAT] 1481). Pure. */
export function itemServiceModPart(rq: ItemServiceModRq): RequestPart {
  return {
    element: 'ItemServiceModRq',
    requestID: rq.requestID,
    write: (parent) => {
      const m = rq.ItemServiceMod;
      const w = parent.child('ItemServiceMod');
      w.id('ListID', m.ListID, 36, true);
      w.id('EditSequence', m.EditSequence, 16, true);
      w.str('Name', m.Name, 31);
      w.bool('IsActive', m.IsActive);
      w.ref('ClassRef', m.ClassRef);
      w.ref('ParentRef', m.ParentRef);
      w.ref('UnitOfMeasureSetRef', m.UnitOfMeasureSetRef, REF_MAX.simple);
      w.bool('ForceUOMChange', m.ForceUOMChange);
      w.bool('IsTaxIncluded', m.IsTaxIncluded);
      w.ref('SalesTaxCodeRef', m.SalesTaxCodeRef, REF_MAX.salesTaxCode);
      writeSalesModChoice(w, m);
    },
  };
}

/** Builds a one-request message adding a service item. Pure; throws QbxmlError. */
export function buildItemServiceAddRq(rq: ItemServiceAddRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([itemServiceAddPart(rq)], options);
}

/** Builds a one-request message modifying a service item. Pure; throws QbxmlError. */
export function buildItemServiceModRq(rq: ItemServiceModRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([itemServiceModPart(rq)], options);
}
