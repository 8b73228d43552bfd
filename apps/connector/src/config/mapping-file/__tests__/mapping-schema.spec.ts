import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaAccepts } from '../../../../../../test/support/json-schema-subset.js';
import { resolveMappingRules } from '../resolve-mapping-rules.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..', '..', '..');
const schema = JSON.parse(readFileSync(path.join(ROOT, 'mapping.schema.json'), 'utf8')) as Record<string, unknown>;
const serviceAccepts = (file: unknown): boolean => resolveMappingRules(JSON.stringify(file)).ok;

const field = (qb: string, b24: string, name: string, direction = 'both') => ({
  qb: { entity: qb, name: 'Region' },
  b24: { entity: b24, field: name },
  direction,
});
const C2 = {
  invoiceOpen: 'C2:EXECUTING',
  invoicePartiallyPaid: 'C2:EXECUTING',
  invoicePaid: 'C2:WON',
  estimate: 'C2:NEW',
  salesReceipt: 'C2:WON',
  creditMemo: 'C2:APOLOGY',
  deleted: 'C2:LOSE',
};

const GOOD: readonly [string, unknown][] = [
  ['an empty file', {}],
  ['the shipped example', JSON.parse(readFileSync(path.join(ROOT, 'mapping.example.json'), 'utf8'))],
  ['pipeline 2 with its stages', { deals: { categoryId: 2, stages: C2, amount: 'total', currency: 'EUR' } }],
  ['no types to QuickBooks', { toQuickBooks: { contactTypes: [], companyTypes: [], products: false } }],
  [
    'a field on each linked pair',
    {
      customFields: [
        field('customer', 'company', 'UF_CRM_A'),
        field('vendor', 'contact', 'UF_CRM_B', 'toB24'),
        field('invoice', 'deal', 'UF_CRM_C', 'toQb'),
        field('item', 'product', 'PROPERTY_12'),
      ],
    },
  ],
  ['hard deletes with an inactive flag', { deletes: { fromQuickBooks: 'delete', inactiveField: 'UF_CRM_QB_INACTIVE' } }],
  ['no inactive flag', { deletes: { inactiveField: null } }],
  ['a vendor type', { vendors: { contactType: 'PARTNER' } }],
  [
    'sales-receipt and credit-memo stages with a remaining-credit field',
    { deals: { stages: { salesReceipt: 'FINAL_INVOICE', creditMemo: 'LOSE' }, fields: { creditRemaining: 'UF_CRM_CREDIT_LEFT' } } },
  ],
  ['payment fields on deals', { deals: { fields: { amountPaid: 'UF_CRM_PAID', balance: null } } }],
  ['an unapplied-payment field on companies only', { payments: { unappliedField: { contact: null, company: 'UF_CRM_CREDIT' } } }],
  ['a 31-character QuickBooks name', { customFields: [{ ...field('customer', 'contact', 'UF_CRM_A'), qb: { entity: 'customer', name: 'x'.repeat(31) } }] }],
];

const BAD: readonly [string, unknown][] = [
  ['not an object', []],
  ['an unknown section', { filters: {} }],
  ['an unknown deals key', { deals: { pipeline: 2 } }],
  ['a negative pipeline', { deals: { categoryId: -1 } }],
  ['a fractional pipeline', { deals: { categoryId: 0.5 } }],
  ['a stage with a space', { deals: { stages: { invoicePaid: 'WON NOW' } } }],
  ['an unknown stage key', { deals: { stages: { paid: 'WON' } } }],
  ['a remaining-credit field that is not a user field', { deals: { fields: { creditRemaining: 'OPPORTUNITY' } } }],
  ['an unknown deal field key', { deals: { fields: { paid: 'UF_CRM_PAID' } } }],
  ['an unknown amount', { deals: { amount: 'net' } }],
  ['a four-letter currency', { deals: { currency: 'EURO' } }],
  ['a type list as text', { toQuickBooks: { contactTypes: 'CLIENT' } }],
  ['a blank type', { toQuickBooks: { companyTypes: [' '] } }],
  ['products as a number', { toQuickBooks: { products: 1 } }],
  ['custom fields as an object', { customFields: {} }],
  ['a field without direction', { customFields: [{ qb: { entity: 'customer', name: 'R' }, b24: { entity: 'contact', field: 'UF_CRM_R' } }] }],
  ['an unknown direction', { customFields: [field('customer', 'contact', 'UF_CRM_A', 'sideways')] }],
  ['an unlinked pair', { customFields: [field('invoice', 'contact', 'UF_CRM_A')] }],
  ['a product user field', { customFields: [field('item', 'product', 'UF_CRM_A')] }],
  ['a contact property', { customFields: [field('customer', 'contact', 'PROPERTY_1')] }],
  ['a 32-character QuickBooks name', { customFields: [{ ...field('customer', 'contact', 'UF_CRM_A'), qb: { entity: 'customer', name: 'x'.repeat(32) } }] }],
  ['an extra key in a field rule', { customFields: [{ ...field('customer', 'contact', 'UF_CRM_A'), note: 'x' }] }],
  ['an unknown delete policy', { deletes: { fromQuickBooks: 'archive' } }],
  ['an inactive flag that is not a user field', { deletes: { inactiveField: 'ACTIVE' } }],
  ['an amount-paid field that is not a user field', { deals: { fields: { amountPaid: 'OPPORTUNITY' } } }],
  ['an unknown deal field key', { deals: { fields: { paid: 'UF_CRM_PAID' } } }],
  ['an unapplied field as text', { payments: { unappliedField: 'UF_CRM_CREDIT' } }],
  ['an unapplied field on deals', { payments: { unappliedField: { deal: 'UF_CRM_CREDIT' } } }],
  ['an empty vendor type', { vendors: { contactType: '' } }],
];

/** What JSON Schema cannot say; the service refuses these, editors do not flag them. */
const SERVICE_ONLY: readonly [string, unknown][] = [
  ['a stage of another pipeline', { deals: { categoryId: 2, stages: { ...C2, invoicePaid: 'C3:WON' } } }],
  ['two rules writing one field', { customFields: [field('customer', 'contact', 'UF_CRM_A'), field('vendor', 'contact', 'UF_CRM_A')] }],
];

describe('mapping.schema.json accepts exactly what the service accepts', () => {
  it.each(GOOD)('both accept %s', (_what, file) => {
    expect(serviceAccepts(file)).toBe(true);
    expect(schemaAccepts(schema, file)).toBe(true);
  });

  it.each(BAD)('both refuse %s', (_what, file) => {
    expect(serviceAccepts(file)).toBe(false);
    expect(schemaAccepts(schema, file)).toBe(false);
  });

  it.each(SERVICE_ONLY)('only the service refuses %s (the schema cannot relate two keys; its description says so)', (_what, file) => {
    expect(serviceAccepts(file)).toBe(false);
    expect(schemaAccepts(schema, file)).toBe(true);
  });
});
