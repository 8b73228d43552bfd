import { DEFAULT_MAPPING_RULES } from '@qb-b24/sync-core';
import { describe, expect, it } from 'vitest';
import { resolveMappingRules } from '../resolve-mapping-rules.js';

const problemsOf = (file: unknown, estimateEnv?: string): readonly string[] => {
  const r = resolveMappingRules(typeof file === 'string' ? file : JSON.stringify(file), estimateEnv);
  return r.ok ? [] : r.problems;
};
const rulesOf = (file: unknown, estimateEnv?: string) => {
  const r = resolveMappingRules(file === null ? null : JSON.stringify(file), estimateEnv);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.rules;
};
const field = (over: Record<string, unknown> = {}) => ({
  qb: { entity: 'customer', name: 'Region' },
  b24: { entity: 'contact', field: 'UF_CRM_REGION' },
  direction: 'both',
  ...over,
});

describe('mapping file: what a good file gives', () => {
  it('no file gives the built-in defaults', () => {
    expect(rulesOf(null)).toEqual(DEFAULT_MAPPING_RULES);
  });

  it('a partial file overrides only the keys it names', () => {
    const rules = rulesOf({ deals: { currency: 'EUR' } });
    expect(rules.deals.currency).toBe('EUR');
    expect(rules.deals.stages).toEqual(DEFAULT_MAPPING_RULES.deals.stages);
    expect(rules.toQuickBooks).toEqual(DEFAULT_MAPPING_RULES.toQuickBooks);
  });

  it('a list in the file replaces the default list instead of adding to it', () => {
    expect(rulesOf({ toQuickBooks: { contactTypes: ['PARTNER'] } }).toQuickBooks.contactTypes).toEqual(['PARTNER']);
    expect(rulesOf({ toQuickBooks: { contactTypes: [] } }).toQuickBooks.contactTypes).toEqual([]);
  });

  it('a file moving deals to pipeline 2 with C2: stages is accepted', () => {
    const stages = {
      invoiceOpen: 'C2:EXECUTING',
      invoicePartiallyPaid: 'C2:EXECUTING',
      invoicePaid: 'C2:WON',
      estimate: 'C2:NEW',
      salesReceipt: 'C2:WON',
      creditMemo: 'C2:APOLOGY',
      deleted: 'C2:LOSE',
    };
    expect(rulesOf({ deals: { categoryId: 2, stages } }).deals.stages.invoicePaid).toBe('C2:WON');
    // Written before sales orders synced: their stage is the file's open-invoice stage, so the file still loads.
    expect(rulesOf({ deals: { categoryId: 2, stages } }).deals.stages.salesOrder).toBe('C2:EXECUTING');
    expect(rulesOf({ deals: { categoryId: 2, stages: { ...stages, salesOrder: 'C2:NEW' } } }).deals.stages.salesOrder).toBe('C2:NEW');
  });

  it('a file written before sales receipts and credit memos still starts: they follow the paid stage and the pipeline', () => {
    const older = { invoiceOpen: 'C2:EXECUTING', invoicePartiallyPaid: 'C2:EXECUTING', invoicePaid: 'C2:WON', estimate: 'C2:NEW', deleted: 'C2:LOSE' };
    const stages = rulesOf({ deals: { categoryId: 2, stages: older } }).deals.stages;
    expect([stages.salesReceipt, stages.creditMemo]).toEqual(['C2:WON', 'C2:APOLOGY']);
    expect(rulesOf({ deals: { stages: { invoicePaid: 'FINAL_INVOICE' } } }).deals.stages.salesReceipt).toBe('FINAL_INVOICE');
    expect(rulesOf({ deals: { stages: { invoicePaid: 'FINAL_INVOICE', salesReceipt: 'WON', creditMemo: 'LOSE' } } }).deals.stages).toMatchObject({
      salesReceipt: 'WON',
      creditMemo: 'LOSE',
    });
  });

  it('ESTIMATE_STAGE_ID still sets the estimate stage when the file does not', () => {
    expect(rulesOf(null, 'NEW').deals.stages.estimate).toBe('NEW');
    expect(rulesOf({ deals: { currency: 'EUR' } }, 'NEW').deals.stages.estimate).toBe('NEW');
  });

  it('the file wins over ESTIMATE_STAGE_ID when it sets the estimate stage', () => {
    expect(rulesOf({ deals: { stages: { estimate: 'PREPAYMENT_INVOICE' } } }, 'NEW').deals.stages.estimate).toBe('PREPAYMENT_INVOICE');
  });

  it('a $schema reference is allowed and ignored', () => {
    expect(rulesOf({ $schema: './mapping.schema.json' })).toEqual(DEFAULT_MAPPING_RULES);
  });

  it('a file saved by Notepad with a byte order mark is read', () => {
    const r = resolveMappingRules('\uFEFF{"deals":{"currency":"EUR"}}');
    expect(r.ok && r.rules.deals.currency).toBe('EUR');
  });
});

describe('mapping file: every bad key is named with its path', () => {
  it.each([
    [
      'a stage of another pipeline',
      { deals: { categoryId: 2, stages: { invoicePaid: 'C3:WON' } } },
      'deals.stages.invoicePaid: "C3:WON" is not a stage of pipeline 2',
    ],
    ['default stages left in a moved pipeline', { deals: { categoryId: 2 } }, 'deals.stages.invoiceOpen: "EXECUTING" is not a stage of pipeline 2'],
    ['a prefixed stage in the default pipeline', { deals: { stages: { deleted: 'C1:LOSE' } } }, 'deals.stages.deleted: "C1:LOSE" is not a stage of pipeline 0'],
    ['a negative pipeline', { deals: { categoryId: -1 } }, 'deals.categoryId: -1 is not a pipeline id'],
    ['a fractional pipeline', { deals: { categoryId: 1.5 } }, 'deals.categoryId: 1.5 is not a pipeline id'],
    ['a pipeline as text', { deals: { categoryId: '2' } }, 'deals.categoryId: "2" is not a pipeline id'],
    ['a malformed stage id', { deals: { stages: { estimate: 'new stage' } } }, 'deals.stages.estimate: "new stage" is not a stage id'],
    [
      'a credit-memo stage of another pipeline',
      { deals: { stages: { creditMemo: 'C2:APOLOGY' } } },
      'deals.stages.creditMemo: "C2:APOLOGY" is not a stage of pipeline 0',
    ],
    ['a malformed sales-receipt stage', { deals: { stages: { salesReceipt: 'paid' } } }, 'deals.stages.salesReceipt: "paid" is not a stage id'],
    [
      'a remaining-credit field that is not a user field',
      { deals: { fields: { creditRemaining: 'OPPORTUNITY' } } },
      'deals.fields.creditRemaining: "OPPORTUNITY" must be null or a user field name',
    ],
    ['an unknown deal field key', { deals: { fields: { remaining: 'UF_CRM_X' } } }, 'deals.fields.remaining: unknown key'],
    [
      'won deals to QuickBooks without a field for the TxnID',
      { toQuickBooks: { deals: { enabled: true } } },
      'toQuickBooks.deals.txnIdField: is required when toQuickBooks.deals.enabled is true',
    ],
    [
      'a won-deal stage of another pipeline',
      { toQuickBooks: { deals: { enabled: true, txnIdField: 'UF_CRM_QB_TXN', stages: ['C2:WON'] } } },
      'toQuickBooks.deals.stages[0]: "C2:WON" is not a stage of pipeline 0',
    ],
    [
      'an unknown document to create',
      { toQuickBooks: { deals: { create: 'estimate' } } },
      'toQuickBooks.deals.create: "estimate" is not one of "salesOrder", "invoice"',
    ],
    ['an unknown amount rule', { deals: { amount: 'gross' } }, 'deals.amount: "gross" is not one of "subtotal", "total"'],
    ['a lower-case currency', { deals: { currency: 'usd' } }, 'deals.currency: "usd" is not a currency code'],
    ['contact types not a list', { toQuickBooks: { contactTypes: 'CLIENT' } }, 'toQuickBooks.contactTypes: must be a list'],
    ['an empty company type', { toQuickBooks: { companyTypes: ['CUSTOMER', ''] } }, 'toQuickBooks.companyTypes[1]: "" must be a non-empty string'],
    ['products as text', { toQuickBooks: { products: 'yes' } }, 'toQuickBooks.products: "yes" must be true or false'],
    ['a typo in a key', { deals: { currencyy: 'EUR' } }, 'deals.currencyy: unknown key'],
    ['an unknown section', { filters: {} }, 'filters: unknown key'],
    ['an unknown delete policy', { deletes: { fromQuickBooks: 'archive' } }, 'deletes.fromQuickBooks: "archive" is not one of "mark", "delete"'],
    [
      'an inactive field that is not a user field',
      { deletes: { inactiveField: 'ACTIVE' } },
      'deletes.inactiveField: "ACTIVE" must be null or a user field name',
    ],
    ['an empty vendor type', { vendors: { contactType: '' } }, 'vendors.contactType: "" must be a non-empty string'],
    [
      'a balance field that is not a user field',
      { deals: { fields: { balance: 'BALANCE' } } },
      'deals.fields.balance: "BALANCE" must be null or a user field name',
    ],
    [
      'an unapplied-payment field that is not a user field',
      { payments: { unappliedField: { company: 'CREDIT' } } },
      'payments.unappliedField.company: "CREDIT" must be null or a user field name',
    ],
    ['custom fields not a list', { customFields: {} }, 'customFields: must be a list'],
    [
      'an unknown QuickBooks entity',
      { customFields: [field({ qb: { entity: 'employee', name: 'X' } })] },
      'customFields[0].qb.entity: "employee" is not one of',
    ],
    ['a QuickBooks name over 31 characters', { customFields: [field({ qb: { entity: 'customer', name: 'x'.repeat(32) } })] }, 'customFields[0].qb.name:'],
    [
      'an empty QuickBooks name',
      { customFields: [field({ qb: { entity: 'customer', name: '' } })] },
      'customFields[0].qb.name: "" is not a QuickBooks custom field name',
    ],
    [
      'an unknown Bitrix24 entity',
      { customFields: [field({ b24: { entity: 'lead', field: 'UF_CRM_X' } })] },
      'customFields[0].b24.entity: "lead" is not one of',
    ],
    [
      'a field that is not a user field',
      { customFields: [field({ b24: { entity: 'contact', field: 'NAME' } })] },
      'customFields[0].b24.field: "NAME" is not a user field name',
    ],
    [
      'a product field that is not a property',
      { customFields: [field({ qb: { entity: 'item', name: 'Color' }, b24: { entity: 'product', field: 'UF_CRM_COLOR' } })] },
      'customFields[0].b24.field: "UF_CRM_COLOR" is not a product property',
    ],
    [
      'a pair the sync does not link',
      { customFields: [field({ qb: { entity: 'vendor', name: 'Region' }, b24: { entity: 'deal', field: 'UF_CRM_REGION' } })] },
      'customFields[0].b24.entity: a QuickBooks vendor syncs with a Bitrix24 contact, not a deal',
    ],
    ['an unknown direction', { customFields: [field({ direction: 'toBitrix' })] }, 'customFields[0].direction: "toBitrix" is not one of'],
    [
      'a rule without direction',
      { customFields: [{ qb: { entity: 'customer', name: 'R' }, b24: { entity: 'contact', field: 'UF_CRM_R' } }] },
      'customFields[0].direction: is missing',
    ],
    [
      'two rules writing one Bitrix24 field',
      { customFields: [field(), field({ qb: { entity: 'customer', name: 'Area' } })] },
      'customFields[1]: Bitrix24 contact field "UF_CRM_REGION" is already written by customFields[0]',
    ],
    [
      'two rules writing one QuickBooks field',
      { customFields: [field(), field({ b24: { entity: 'company', field: 'UF_CRM_AREA' }, qb: { entity: 'customer', name: 'REGION' } })] },
      'customFields[1]: QuickBooks customer field "REGION" is already written by customFields[0]',
    ],
    ['a list instead of an object', [], 'the file must hold one JSON object'],
  ])('%s', (_what, file, expected) => {
    expect(problemsOf(file).join('\n')).toContain(expected);
  });

  it('a field read one way only may share its target with a rule writing it', () => {
    expect(problemsOf({ customFields: [field({ direction: 'toQb' }), field({ qb: { entity: 'customer', name: 'Area' }, direction: 'toB24' })] })).toEqual([]);
  });

  it('all problems of a file are reported at once', () => {
    const problems = problemsOf({ deals: { currency: 'usd', amount: 'gross' }, deletes: { fromQuickBooks: 'x' }, extra: 1 });
    expect(problems).toHaveLength(4);
  });

  it('broken JSON is reported with its line and column', () => {
    expect(problemsOf('{\n  "deals": {\n    "currency": "EUR",\n  }\n}')).toEqual([expect.stringMatching(/^not valid JSON: .* at line 4, column 3$/)]);
  });

  it('a file cut short is reported as such', () => {
    expect(problemsOf('{"deals": {')[0]).toMatch(/^not valid JSON: .*at line 1, column 12/);
  });

  it('an ESTIMATE_STAGE_ID outside the pipeline is refused', () => {
    expect(problemsOf({ deals: { categoryId: 0 } }, 'C2:NEW')).toEqual([
      expect.stringContaining('deals.stages.estimate: "C2:NEW" is not a stage of pipeline 0'),
    ]);
  });
});
