/** The list-record families (Customer / Vendor / Item) and pure readers of FieldValue trees (str, obj, arr). */
import type { FieldObject, FieldValue, ListKind } from './company-data.type.js';

export type Family = 'Customer' | 'Vendor' | 'Item';

export function familyOf(kind: ListKind): Family {
  return kind === 'Customer' ? 'Customer' : kind === 'Vendor' ? 'Vendor' : 'Item';
}

export function str(v: FieldValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function obj(v: FieldValue | undefined): FieldObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

export function arr(v: FieldValue | undefined): FieldValue[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
