import type { BillAddressDesired, CustomerDesired } from '../b24-to-qb/customer-desired.type.js';
import { flattenCustomer, qbCustomerFieldValue } from '../fingerprint/projections.js';

export type FieldOwner = 'qb' | 'b24';

/** Who wins a field changed on both sides: `byField[field]`, else `default`. Fields are flat names (`email`, `billAddress.City`). */
export interface ConflictPolicy {
  readonly default: FieldOwner;
  readonly byField: Readonly<Record<string, FieldOwner>>;
}

/** QuickBooks wins names (the accounting record); Bitrix24 wins contact details (e-mail, phones, address). */
export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = Object.freeze({
  default: 'qb',
  byField: Object.freeze({
    email: 'b24',
    phone: 'b24',
    altPhone: 'b24',
    fax: 'b24',
    'billAddress.Addr1': 'b24',
    'billAddress.Addr2': 'b24',
    'billAddress.City': 'b24',
    'billAddress.State': 'b24',
    'billAddress.PostalCode': 'b24',
    'billAddress.Country': 'b24',
  }),
});

export interface FieldConflict {
  readonly field: string;
  readonly base?: string;
  readonly b24?: string;
  readonly qb?: string;
  readonly winner: FieldOwner;
}

export interface MergeResult {
  readonly merged: CustomerDesired;
  readonly conflicts: readonly FieldConflict[];
}

function unflatten(flat: Readonly<Record<string, string | undefined>>): CustomerDesired {
  const address: Record<string, string> = {};
  const top: Record<string, string> = {};
  for (const [field, value] of Object.entries(flat)) {
    if (value === undefined) continue;
    if (field.startsWith('billAddress.')) address[field.slice('billAddress.'.length)] = value;
    else top[field] = value;
  }
  const billAddress: BillAddressDesired | undefined = Object.keys(address).length > 0 ? address : undefined;
  return { ...top, name: top['name'] ?? '', ...(billAddress !== undefined ? { billAddress } : {}) };
}

/**
 * Three-way merge of a customer. Values are compared as QuickBooks stores them (so "Иванов" in Bitrix24
 * equals "Ivanov" in QuickBooks). Per field: equal on both sides → kept (Bitrix24's spelling, which
 * keeps non-Latin text there); changed on one side only → that side wins; changed on both to different
 * values, or different values and no `base` to tell → the policy decides and the field is listed in
 * `conflicts`. Without a base a value present on one side only is kept (a first link deletes nothing). Pure.
 */
export function mergeCustomer(base: CustomerDesired | undefined, b24: CustomerDesired, qb: CustomerDesired, policy: ConflictPolicy): MergeResult {
  const fb = base === undefined ? undefined : flattenCustomer(base);
  const f24 = flattenCustomer(b24);
  const fqb = flattenCustomer(qb);
  const merged: Record<string, string | undefined> = {};
  const conflicts: FieldConflict[] = [];
  for (const field of Object.keys(f24)) {
    const vb = fb?.[field];
    const v24 = f24[field];
    const vqb = fqb[field];
    const n24 = qbCustomerFieldValue(field, v24);
    const nqb = qbCustomerFieldValue(field, vqb);
    if (n24 === nqb) {
      merged[field] = v24 ?? vqb;
      continue;
    }
    // First sync (no base): a value missing on one side is not a deletion, so the other side's value is kept.
    if (fb === undefined && (n24 === undefined || nqb === undefined)) {
      merged[field] = n24 === undefined ? vqb : v24;
      continue;
    }
    const nb = fb === undefined ? undefined : qbCustomerFieldValue(field, vb);
    if (fb !== undefined && nqb === nb) {
      merged[field] = v24;
      continue;
    }
    if (fb !== undefined && n24 === nb) {
      merged[field] = vqb;
      continue;
    }
    const winner = policy.byField[field] ?? policy.default;
    merged[field] = winner === 'b24' ? v24 : vqb;
    conflicts.push({
      field,
      ...(vb !== undefined ? { base: vb } : {}),
      ...(v24 !== undefined ? { b24: v24 } : {}),
      ...(vqb !== undefined ? { qb: vqb } : {}),
      winner,
    });
  }
  // A customer always needs a Name: a side that cleared it cannot win with nothing.
  if (merged['name'] === undefined || merged['name'].trim() === '') merged['name'] = qb.name || b24.name;
  return { merged: unflatten(merged), conflicts };
}
