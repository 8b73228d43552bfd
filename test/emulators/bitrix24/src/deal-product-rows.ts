/** Product rows of deals (§5.6): row ID allocation, per-deal storage, and the OPPORTUNITY / TAX_VALUE recomputed from them. */
import { asPositiveInt, isRecord } from './params.js';
import { buildProductRow, dealTotals } from './product-rows.js';
import type { StoredRecord } from './store-types.js';

export class DealProductRows {
  private readonly rows = new Map<number, Record<string, unknown>[]>();
  private nextRowId = 1;

  /** Replaces the deal's rows with the ones built from `list`; returns the new rows. */
  replace(dealId: number, list: readonly unknown[], productNameOf: (productId: number) => unknown): Record<string, unknown>[] {
    const built: Record<string, unknown>[] = [];
    for (const raw of list) {
      if (!isRecord(raw)) continue;
      const productId = asPositiveInt(raw['PRODUCT_ID']) ?? 0;
      const productName = productId > 0 ? productNameOf(productId) : undefined;
      built.push(buildProductRow(raw, { dealId, rowId: this.nextRowId++, ...(typeof productName === 'string' ? { productName } : {}) }));
    }
    this.rows.set(dealId, built);
    return built;
  }

  /** Copies of the deal's rows. */
  of(dealId: number): Record<string, unknown>[] {
    return (this.rows.get(dealId) ?? []).map((r) => ({ ...r }));
  }

  delete(dealId: number): void {
    this.rows.delete(dealId);
  }
}

/** Recomputes the deal's money from its rows unless IS_MANUAL_OPPORTUNITY=Y. */
export function applyDealTotals(deal: StoredRecord, built: readonly Record<string, unknown>[], addExcludedTax: boolean): void {
  if (deal.values['IS_MANUAL_OPPORTUNITY'] !== 'Y') {
    // Formula unconfirmed (§5.6): the natural reading, sum of PRICE × QUANTITY (variant: plus excluded tax).
    const totals = dealTotals(built, addExcludedTax);
    deal.values['OPPORTUNITY'] = totals.opportunity;
    deal.values['TAX_VALUE'] = totals.taxValue;
  }
}
