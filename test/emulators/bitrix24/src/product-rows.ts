import { ApiError } from './api-error.js';
import { money, round2 } from './format.js';
import { asPositiveInt } from './params.js';

/**
 * Builds one stored deal product row from `crm.deal.productrows.set` input (bitrix24.md §5.6): validates the
 * discount combinations (ERROR_CORE, messages ending in `<br>`) and derives the price fields. Pure; throws ApiError.
 */
export function buildProductRow(raw: Record<string, unknown>, ctx: { dealId: number; rowId: number; productName?: string }): Record<string, unknown> {
  const { dealId, rowId } = ctx;
  const num = (k: string, d: number): number => {
    const n = Number(raw[k]);
    return raw[k] === undefined || raw[k] === null || raw[k] === '' || !Number.isFinite(n) ? d : n;
  };
  const has = (k: string): boolean => raw[k] !== undefined && raw[k] !== null && raw[k] !== '';
  const discountType = num('DISCOUNT_TYPE_ID', 2);
  const rate = has('DISCOUNT_RATE') ? num('DISCOUNT_RATE', 0) : undefined;
  // Discount combinations (§5.6): messages end in <br>, code ERROR_CORE.
  if (discountType === 2 && rate === undefined && has('DISCOUNT_SUM')) {
    throw new ApiError(400, 'ERROR_CORE', 'Discount Rate (DISCOUNT_RATE) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined<br>');
  }
  if (discountType === 2 && rate === 100 && !has('DISCOUNT_SUM')) {
    throw new ApiError(
      400,
      'ERROR_CORE',
      'Discount Sum (DISCOUNT_SUM) is required if Percentage Discount Type (DISCOUNT_TYPE_ID) is defined and Discount Rate (DISCOUNT_RATE) is 100%<br>',
    );
  }
  if (discountType === 1 && !has('DISCOUNT_SUM')) {
    throw new ApiError(400, 'ERROR_CORE', 'Discount Sum (DISCOUNT_SUM) is required if Monetary Discount Type (DISCOUNT_TYPE_ID) is defined<br>');
  }
  const productId = asPositiveInt(raw['PRODUCT_ID']) ?? 0;
  const price = num('PRICE', 0);
  const taxRate = has('TAX_RATE') ? num('TAX_RATE', 0) : null;
  const taxIncluded = String(raw['TAX_INCLUDED'] ?? 'N').toUpperCase() === 'Y' ? 'Y' : 'N';
  const taxFactor = 1 + (taxRate ?? 0) / 100;
  const exclusive = has('PRICE_EXCLUSIVE') ? num('PRICE_EXCLUSIVE', 0) : round2(taxIncluded === 'Y' ? price / taxFactor : price);
  const discountSum = has('DISCOUNT_SUM') ? num('DISCOUNT_SUM', 0) : 0;
  const netto = has('PRICE_NETTO') ? num('PRICE_NETTO', 0) : round2(exclusive + discountSum);
  const brutto = has('PRICE_BRUTTO') ? num('PRICE_BRUTTO', 0) : round2(netto * taxFactor);
  const name = typeof raw['PRODUCT_NAME'] === 'string' && raw['PRODUCT_NAME'] !== '' ? raw['PRODUCT_NAME'] : (ctx.productName ?? `[${rowId}]`);
  return {
    ID: String(rowId),
    OWNER_ID: String(dealId),
    OWNER_TYPE: 'D',
    PRODUCT_ID: productId,
    PRODUCT_NAME: name,
    ORIGINAL_PRODUCT_NAME: name,
    PRODUCT_DESCRIPTION: null,
    PRICE: price,
    PRICE_EXCLUSIVE: exclusive,
    PRICE_NETTO: netto,
    PRICE_BRUTTO: brutto,
    PRICE_ACCOUNT: money(price),
    QUANTITY: num('QUANTITY', 1),
    DISCOUNT_TYPE_ID: discountType,
    DISCOUNT_RATE: rate ?? 0,
    DISCOUNT_SUM: discountSum,
    TAX_RATE: taxRate,
    TAX_INCLUDED: taxIncluded,
    CUSTOMIZED: 'Y',
    MEASURE_CODE: has('MEASURE_CODE') ? num('MEASURE_CODE', 796) : 796,
    MEASURE_NAME: typeof raw['MEASURE_NAME'] === 'string' ? raw['MEASURE_NAME'] : 'pcs',
    SORT: has('SORT') ? num('SORT', 10) : 10,
    XML_ID: null,
    TYPE: 1,
    STORE_ID: 0,
  };
}

/**
 * OPPORTUNITY and TAX_VALUE of a deal whose amount follows its rows (`IS_MANUAL_OPPORTUNITY=N`, §5.6; formula
 * unconfirmed). OPPORTUNITY = Σ PRICE × QUANTITY. TAX_VALUE = the tax inside `TAX_INCLUDED=Y` rows
 * ((PRICE − PRICE_EXCLUSIVE) × QUANTITY) plus the tax on top of `TAX_INCLUDED=N` rows (PRICE_EXCLUSIVE × TAX_RATE % ×
 * QUANTITY), each rounded to the cent; with `addExcludedTax` the latter is added to OPPORTUNITY too. Pure.
 */
export function dealTotals(rows: readonly Record<string, unknown>[], addExcludedTax: boolean): { opportunity: string; taxValue: string } {
  let amountCents = 0;
  let taxCents = 0;
  for (const r of rows) {
    const qty = Number(r['QUANTITY']);
    const price = Number(r['PRICE']);
    const exclusive = Number(r['PRICE_EXCLUSIVE']);
    const rate = r['TAX_RATE'] === null || r['TAX_RATE'] === undefined ? 0 : Number(r['TAX_RATE']);
    amountCents += Math.round(price * 100) * qty;
    if (r['TAX_INCLUDED'] === 'Y') taxCents += Math.round((price - exclusive) * qty * 100);
    else {
      const onTop = Math.round(exclusive * (rate / 100) * qty * 100);
      taxCents += onTop;
      if (addExcludedTax) amountCents += onTop;
    }
  }
  return { opportunity: money(Math.round(amountCents) / 100), taxValue: money(taxCents / 100) };
}
