/**
 * Product properties of the deprecated `crm.product.*` API (bitrix24.md §5.13): defined by `crm.product.property.add`,
 * listed by `crm.product.property.list`, and written and read on products as `PROPERTY_{id}`.
 */
import { legacyError } from './api-error.js';
import { isRecord } from './params.js';

export interface ProductPropertyDef {
  readonly id: number;
  readonly name: string;
  /** S string, N number, L list, F file, … (only the text of S and N is modelled) */
  readonly propertyType: string;
  readonly sort: number;
}

/** `crm.product.property.add {fields: {NAME, PROPERTY_TYPE, SORT?}}`; NAME is required. */
export function buildProductProperty(fields: unknown, id: number): ProductPropertyDef {
  if (!isRecord(fields)) throw legacyError("Parameter 'fields' must be array.");
  const name = typeof fields['NAME'] === 'string' ? fields['NAME'].trim() : '';
  if (name === '') throw legacyError('The field "NAME" is required.');
  return { id, name, propertyType: String(fields['PROPERTY_TYPE'] ?? 'S'), sort: Number(fields['SORT'] ?? 500) };
}

/** A `crm.product.property.list` row (strings, as the legacy API prints numbers). */
export function renderProductProperty(p: ProductPropertyDef): Record<string, unknown> {
  return { ID: String(p.id), IBLOCK_ID: '25', NAME: p.name, ACTIVE: 'Y', SORT: String(p.sort), PROPERTY_TYPE: p.propertyType, MULTIPLE: 'N', CODE: '' };
}

/**
 * A written property value: a bare value, `{value}` or `[{valueId, value}]` (the docs' file form,
 * crm-product-update.md); '', null or an empty list clears. The portal's exact handling is unconfirmed (§5.13).
 */
export function productPropertyWrite(raw: unknown): string | null {
  const first = Array.isArray(raw) ? raw[0] : raw;
  const value = isRecord(first) ? first['value'] : first;
  if (value === null || value === undefined || value === '') return null;
  return String(value);
}

/** How a product shows a property: `{valueId, value}`, or null without a value (read shape unconfirmed, §5.13). */
export function productPropertyRead(productId: number, p: ProductPropertyDef, value: unknown): Record<string, string> | null {
  return typeof value === 'string' ? { valueId: String(productId * 1000 + p.id), value } : null;
}
