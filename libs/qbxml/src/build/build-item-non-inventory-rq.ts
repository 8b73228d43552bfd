import type { ItemNonInventoryAddRq, ItemNonInventoryModRq } from '../types/requests.type.js';
import { REF_MAX } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';
import { writeSalesChoice, writeSalesModChoice } from './write-item-fields.js';

/** ItemNonInventoryAddRq. Note ParentRef BEFORE ClassRef here, unlike ItemServiceAdd ([XSD], qbxml.md §4.3). Pure. */
export function itemNonInventoryAddPart(rq: ItemNonInventoryAddRq): RequestPart {
  return {
    element: 'ItemNonInventoryAddRq',
    requestID: rq.requestID,
    write: (parent) => {
      const a = rq.ItemNonInventoryAdd;
      const w = parent.child('ItemNonInventoryAdd');
      w.str('Name', a.Name, 31, true);
      w.bool('IsActive', a.IsActive);
      w.ref('ParentRef', a.ParentRef);
      w.ref('ClassRef', a.ClassRef);
      w.str('ManufacturerPartNumber', a.ManufacturerPartNumber, 31);
      w.ref('UnitOfMeasureSetRef', a.UnitOfMeasureSetRef, REF_MAX.simple);
      w.bool('IsTaxIncluded', a.IsTaxIncluded);
      w.ref('SalesTaxCodeRef', a.SalesTaxCodeRef, REF_MAX.salesTaxCode);
      writeSalesChoice(w, a);
      w.guid('ExternalGUID', a.ExternalGUID);
    },
  };
}

/** ItemNonInventoryModRq. Here ClassRef comes BEFORE ParentRef, the opposite of the Add ([XSD]). Pure. */
export function itemNonInventoryModPart(rq: ItemNonInventoryModRq): RequestPart {
  return {
    element: 'ItemNonInventoryModRq',
    requestID: rq.requestID,
    write: (parent) => {
      const m = rq.ItemNonInventoryMod;
      const w = parent.child('ItemNonInventoryMod');
      w.id('ListID', m.ListID, 36, true);
      w.id('EditSequence', m.EditSequence, 16, true);
      w.str('Name', m.Name, 31);
      w.bool('IsActive', m.IsActive);
      w.ref('ClassRef', m.ClassRef);
      w.ref('ParentRef', m.ParentRef);
      w.str('ManufacturerPartNumber', m.ManufacturerPartNumber, 31);
      w.ref('UnitOfMeasureSetRef', m.UnitOfMeasureSetRef, REF_MAX.simple);
      w.bool('ForceUOMChange', m.ForceUOMChange);
      w.bool('IsTaxIncluded', m.IsTaxIncluded);
      w.ref('SalesTaxCodeRef', m.SalesTaxCodeRef, REF_MAX.salesTaxCode);
      writeSalesModChoice(w, m);
    },
  };
}

/** Builds a one-request message adding a non-inventory item. Pure; throws QbxmlError. */
export function buildItemNonInventoryAddRq(rq: ItemNonInventoryAddRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([itemNonInventoryAddPart(rq)], options);
}

/** Builds a one-request message modifying a non-inventory item. Pure; throws QbxmlError. */
export function buildItemNonInventoryModRq(rq: ItemNonInventoryModRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([itemNonInventoryModPart(rq)], options);
}
