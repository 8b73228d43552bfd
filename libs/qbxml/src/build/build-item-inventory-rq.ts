import type { ItemInventoryAddRq, ItemInventoryModRq } from '../types/requests.type.js';
import { REF_MAX } from './element-writer.js';
import { buildQbxmlDocument, type BuildOptions, type BuildResult, type RequestPart } from './qbxml-document.js';

/** ItemInventoryAddRq: flat sales/purchase fields, three accounts ([XSD] ItemInventoryAdd). Pure. */
export function itemInventoryAddPart(rq: ItemInventoryAddRq): RequestPart {
  return {
    element: 'ItemInventoryAddRq',
    requestID: rq.requestID,
    write: (parent) => {
      const a = rq.ItemInventoryAdd;
      const w = parent.child('ItemInventoryAdd');
      w.str('Name', a.Name, 31, true);
      w.bool('IsActive', a.IsActive);
      w.ref('ClassRef', a.ClassRef);
      w.ref('ParentRef', a.ParentRef);
      w.str('ManufacturerPartNumber', a.ManufacturerPartNumber, 31);
      w.ref('UnitOfMeasureSetRef', a.UnitOfMeasureSetRef, REF_MAX.simple);
      w.bool('IsTaxIncluded', a.IsTaxIncluded);
      w.ref('SalesTaxCodeRef', a.SalesTaxCodeRef, REF_MAX.salesTaxCode);
      w.str('SalesDesc', a.SalesDesc, 4095);
      w.decimal('SalesPrice', a.SalesPrice);
      w.ref('IncomeAccountRef', a.IncomeAccountRef);
      w.str('PurchaseDesc', a.PurchaseDesc, 4095);
      w.decimal('PurchaseCost', a.PurchaseCost);
      w.ref('PurchaseTaxCodeRef', a.PurchaseTaxCodeRef, REF_MAX.salesTaxCode);
      w.ref('COGSAccountRef', a.COGSAccountRef);
      w.ref('PrefVendorRef', a.PrefVendorRef, REF_MAX.vendor);
      w.ref('AssetAccountRef', a.AssetAccountRef);
      w.decimal('ReorderPoint', a.ReorderPoint);
      w.decimal('Max', a.Max);
      w.decimal('QuantityOnHand', a.QuantityOnHand);
      w.amount('TotalValue', a.TotalValue);
      w.date('InventoryDate', a.InventoryDate);
      w.guid('ExternalGUID', a.ExternalGUID);
    },
  };
}

/** ItemInventoryModRq: no QuantityOnHand; Apply…ToExistingTxns flags after each account ([XSD] ItemInventoryMod). Pure. */
export function itemInventoryModPart(rq: ItemInventoryModRq): RequestPart {
  return {
    element: 'ItemInventoryModRq',
    requestID: rq.requestID,
    write: (parent) => {
      const m = rq.ItemInventoryMod;
      const w = parent.child('ItemInventoryMod');
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
      w.str('SalesDesc', m.SalesDesc, 4095);
      w.decimal('SalesPrice', m.SalesPrice);
      w.ref('IncomeAccountRef', m.IncomeAccountRef);
      w.bool('ApplyIncomeAccountRefToExistingTxns', m.ApplyIncomeAccountRefToExistingTxns);
      w.str('PurchaseDesc', m.PurchaseDesc, 4095);
      w.decimal('PurchaseCost', m.PurchaseCost);
      w.ref('PurchaseTaxCodeRef', m.PurchaseTaxCodeRef, REF_MAX.salesTaxCode);
      w.ref('COGSAccountRef', m.COGSAccountRef);
      w.bool('ApplyCOGSAccountRefToExistingTxns', m.ApplyCOGSAccountRefToExistingTxns);
      w.ref('PrefVendorRef', m.PrefVendorRef, REF_MAX.vendor);
      w.ref('AssetAccountRef', m.AssetAccountRef);
      w.decimal('ReorderPoint', m.ReorderPoint);
      w.decimal('Max', m.Max);
    },
  };
}

/** Builds a one-request message adding an inventory part. Pure; throws QbxmlError. */
export function buildItemInventoryAddRq(rq: ItemInventoryAddRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([itemInventoryAddPart(rq)], options);
}

/** Builds a one-request message modifying an inventory part. Pure; throws QbxmlError. */
export function buildItemInventoryModRq(rq: ItemInventoryModRq, options?: BuildOptions): BuildResult {
  return buildQbxmlDocument([itemInventoryModPart(rq)], options);
}
