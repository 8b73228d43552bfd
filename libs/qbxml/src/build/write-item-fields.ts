import { QbxmlError } from '../qbxml.error.js';
import type {
  SalesAndPurchaseInput,
  SalesAndPurchaseModInput,
  SalesChoice,
  SalesModChoice,
  SalesOrPurchaseInput,
  SalesOrPurchaseModInput,
} from '../types/requests.type.js';
import { REF_MAX, type ElementWriter } from './element-writer.js';

function priceChoice(w: ElementWriter, price: SalesOrPurchaseInput['Price'], percent: SalesOrPurchaseInput['PricePercent']): void {
  if (price !== undefined && percent !== undefined) throw new QbxmlError('INVALID_INPUT', 'Price and PricePercent exclude each other');
  w.decimal('Price', price);
  w.decimal('PricePercent', percent);
}

function writeSalesOrPurchase(w: ElementWriter, s: SalesOrPurchaseInput | SalesOrPurchaseModInput, mod: boolean): void {
  w.str('Desc', s.Desc, 4095);
  priceChoice(w, s.Price, s.PricePercent);
  w.ref('AccountRef', s.AccountRef);
  if (mod) w.bool('ApplyAccountRefToExistingTxns', (s as SalesOrPurchaseModInput).ApplyAccountRefToExistingTxns);
}

function writeSalesAndPurchase(w: ElementWriter, s: SalesAndPurchaseInput | SalesAndPurchaseModInput, mod: boolean): void {
  const m = s as SalesAndPurchaseModInput;
  w.str('SalesDesc', s.SalesDesc, 4095);
  w.decimal('SalesPrice', s.SalesPrice);
  w.ref('IncomeAccountRef', s.IncomeAccountRef);
  if (mod) w.bool('ApplyIncomeAccountRefToExistingTxns', m.ApplyIncomeAccountRefToExistingTxns);
  w.str('PurchaseDesc', s.PurchaseDesc, 4095);
  w.decimal('PurchaseCost', s.PurchaseCost);
  w.ref('PurchaseTaxCodeRef', s.PurchaseTaxCodeRef, REF_MAX.salesTaxCode);
  w.ref('ExpenseAccountRef', s.ExpenseAccountRef);
  if (mod) w.bool('ApplyExpenseAccountRefToExistingTxns', m.ApplyExpenseAccountRefToExistingTxns);
  w.ref('PrefVendorRef', s.PrefVendorRef, REF_MAX.vendor);
}

/** The (SalesOrPurchase | SalesAndPurchase) choice every service/non-inventory add must carry ([XSD] ItemServiceAdd). */
export function writeSalesChoice(w: ElementWriter, c: SalesChoice): void {
  if (c.SalesOrPurchase !== undefined) writeSalesOrPurchase(w.child('SalesOrPurchase'), c.SalesOrPurchase, false);
  else writeSalesAndPurchase(w.child('SalesAndPurchase'), c.SalesAndPurchase, false);
}

/** The optional (SalesOrPurchaseMod | SalesAndPurchaseMod) choice of item mods. */
export function writeSalesModChoice(w: ElementWriter, c: SalesModChoice): void {
  if (c.SalesAndPurchaseMod !== undefined) {
    const x = w.child('SalesAndPurchaseMod');
    writeSalesAndPurchase(x, c.SalesAndPurchaseMod, true);
    x.dropIfEmpty();
  } else if (c.SalesOrPurchaseMod !== undefined) {
    const x = w.child('SalesOrPurchaseMod');
    writeSalesOrPurchase(x, c.SalesOrPurchaseMod, true);
    x.dropIfEmpty();
  }
}
