import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';
import { describe, expect, it } from 'vitest';
import { checkMappingAgainstPortal, userFieldEntitiesNamed, type PortalFacts } from '../check-mapping-against-portal.js';

const portal: PortalFacts = {
  pipelines: [0, 2],
  stages: ['NEW', 'PREPARATION', 'PREPAYMENT_INVOICE', 'EXECUTING', 'WON', 'LOSE', 'APOLOGY'],
  contactTypes: ['CLIENT', 'SUPPLIER', 'OTHER'],
  companyTypes: ['CUSTOMER', 'PARTNER'],
  userFields: { contact: ['UF_CRM_REGION', 'UF_CRM_QB_INACTIVE'], company: ['UF_CRM_QB_INACTIVE'] },
  currencies: ['USD', 'EUR'],
};
const rules = (over: Partial<MappingRules>): MappingRules => ({ ...DEFAULT_MAPPING_RULES, ...over });

describe('the mapping against the portal', () => {
  it('the defaults match a fresh portal', () => {
    expect(checkMappingAgainstPortal(DEFAULT_MAPPING_RULES, portal)).toEqual([]);
  });

  it('a currency the portal does not have is named', () => {
    expect(checkMappingAgainstPortal(rules({ deals: { ...DEFAULT_MAPPING_RULES.deals, currency: 'CAD' } }), portal)).toEqual([
      'deals.currency: "CAD" is not a currency of the portal (its currencies: USD, EUR)',
    ]);
  });

  it('the currency is not checked when the portal cannot list currencies', () => {
    expect(checkMappingAgainstPortal(rules({ deals: { ...DEFAULT_MAPPING_RULES.deals, currency: 'CAD' } }), { ...portal, currencies: null })).toEqual([]);
  });

  it('an inactive field must exist on contacts and on companies', () => {
    expect(checkMappingAgainstPortal(rules({ deletes: { fromQuickBooks: 'mark', inactiveField: 'UF_CRM_QB_INACTIVE' } }), portal)).toEqual([]);
    expect(checkMappingAgainstPortal(rules({ deletes: { fromQuickBooks: 'mark', inactiveField: 'UF_CRM_GONE' } }), portal)).toEqual([
      'deletes.inactiveField: UF_CRM_GONE does not exist on Bitrix24 contact records',
      'deletes.inactiveField: UF_CRM_GONE does not exist on Bitrix24 company records',
    ]);
  });

  it('the sales-receipt and credit-memo stages must be stages of the pipeline in the portal', () => {
    const stages = { ...DEFAULT_MAPPING_RULES.deals.stages, salesReceipt: 'FINAL_INVOICE', creditMemo: 'REFUND' };
    expect(checkMappingAgainstPortal(rules({ deals: { ...DEFAULT_MAPPING_RULES.deals, stages } }), portal)).toEqual([
      'deals.stages.salesReceipt: "FINAL_INVOICE" is not a stage of pipeline 0 in the portal (its stages: NEW, PREPARATION, PREPAYMENT_INVOICE, EXECUTING, WON, LOSE, APOLOGY)',
      'deals.stages.creditMemo: "REFUND" is not a stage of pipeline 0 in the portal (its stages: NEW, PREPARATION, PREPAYMENT_INVOICE, EXECUTING, WON, LOSE, APOLOGY)',
    ]);
  });

  it('the remaining-credit field must exist on deals', () => {
    const withField = (f: string): MappingRules =>
      rules({ deals: { ...DEFAULT_MAPPING_RULES.deals, fields: { ...DEFAULT_MAPPING_RULES.deals.fields, creditRemaining: f } } });
    expect(checkMappingAgainstPortal(withField('UF_CRM_CREDIT_LEFT'), { ...portal, userFields: { deal: ['UF_CRM_CREDIT_LEFT'] } })).toEqual([]);
    expect(checkMappingAgainstPortal(withField('UF_CRM_GONE'), portal)).toEqual([
      'deals.fields.creditRemaining: UF_CRM_GONE does not exist on Bitrix24 deal records',
    ]);
    expect(userFieldEntitiesNamed(withField('UF_CRM_GONE'))).toEqual(['deal']);
  });

  it('the payment fields must exist on deals, contacts and companies, and each missing one is named', () => {
    const withPayments = rules({
      deals: { ...DEFAULT_MAPPING_RULES.deals, fields: { ...DEFAULT_MAPPING_RULES.deals.fields, amountPaid: 'UF_CRM_PAID', balance: 'UF_CRM_BALANCE' } },
      payments: { unappliedField: { contact: 'UF_CRM_REGION', company: 'UF_CRM_CREDIT' } },
    });
    expect(checkMappingAgainstPortal(withPayments, { ...portal, userFields: { ...portal.userFields, deal: ['UF_CRM_PAID'] } })).toEqual([
      'deals.fields.balance: UF_CRM_BALANCE does not exist on Bitrix24 deal records',
      'payments.unappliedField.company: UF_CRM_CREDIT does not exist on Bitrix24 company records',
    ]);
    expect(userFieldEntitiesNamed(withPayments).sort()).toEqual(['company', 'contact', 'deal']);
  });

  it('a missing company type is named with its place in the list', () => {
    expect(
      checkMappingAgainstPortal(rules({ toQuickBooks: { ...DEFAULT_MAPPING_RULES.toQuickBooks, companyTypes: ['CUSTOMER', 'RESELLER'] } }), portal),
    ).toEqual(['toQuickBooks.companyTypes[1]: "RESELLER" is not a company type in the portal (COMPANY_TYPE: CUSTOMER, PARTNER)']);
  });

  it('a product property must exist in the portal, and is named with its place in the list', () => {
    const colour = rules({
      customFields: [{ qb: { entity: 'item', name: 'Colour' }, b24: { entity: 'product', field: 'PROPERTY_104' }, direction: 'both' }],
    });
    expect(checkMappingAgainstPortal(colour, { ...portal, productProperties: ['PROPERTY_100', 'PROPERTY_104'] })).toEqual([]);
    expect(checkMappingAgainstPortal(colour, { ...portal, productProperties: ['PROPERTY_100'] })).toEqual([
      'customFields[0].b24.field: PROPERTY_104 is not a product property in the portal (its properties: PROPERTY_100)',
    ]);
  });

  it('won deals to QuickBooks: the stages must be in the pipeline and the TxnID field must exist on deals', () => {
    const deals = (over: object) =>
      rules({
        toQuickBooks: {
          ...DEFAULT_MAPPING_RULES.toQuickBooks,
          deals: { ...DEFAULT_MAPPING_RULES.toQuickBooks.deals, enabled: true, txnIdField: 'UF_CRM_QB_TXN', ...over },
        },
      });
    expect(checkMappingAgainstPortal(deals({}), { ...portal, userFields: { ...portal.userFields, deal: ['UF_CRM_QB_TXN'] } })).toEqual([]);
    expect(checkMappingAgainstPortal(deals({ stages: ['WON', 'CLOSED_OK'] }), portal)).toEqual([
      'toQuickBooks.deals.stages[1]: "CLOSED_OK" is not a stage of pipeline 0 in the portal (its stages: NEW, PREPARATION, PREPAYMENT_INVOICE, EXECUTING, WON, LOSE, APOLOGY)',
      'toQuickBooks.deals.txnIdField: UF_CRM_QB_TXN does not exist on Bitrix24 deal records',
    ]);
  });
});
