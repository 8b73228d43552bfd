import type { MappingRules } from '@qb-b24/sync-core';
import { MappingProblems } from './mapping-problems.js';

export type UserFieldEntity = 'contact' | 'company' | 'deal';

/** What the portal says exists, read by readPortalFacts (bitrix24.md §5.5, §5.10). */
export interface PortalFacts {
  /** crm.category.list {entityTypeId: 2} */
  readonly pipelines: readonly number[];
  /** crm.status.list of the rules' pipeline (DEAL_STAGE or DEAL_STAGE_{n}) */
  readonly stages: readonly string[];
  readonly contactTypes: readonly string[];
  readonly companyTypes: readonly string[];
  /** FIELD_NAMEs of crm.{entity}.userfield.list, for the entities the rules name */
  readonly userFields: Readonly<Partial<Record<UserFieldEntity, readonly string[]>>>;
  /** crm.currency.list; null when the portal could not list them (the currency is then not checked) */
  readonly currencies: readonly string[] | null;
  /** `PROPERTY_{ID}` of crm.product.property.list (bitrix24.md §5.13), read when a rule names a product property */
  readonly productProperties?: readonly string[];
}

/**
 * The user fields the unapplied-payment keys name, with their mapping-file path and the record type that must have
 * them (every `deals.fields` key is checked on deals by itself).
 */
function unappliedFields(rules: MappingRules): readonly (readonly [string, UserFieldEntity, string | null])[] {
  return [
    ['payments.unappliedField.contact', 'contact', rules.payments.unappliedField.contact],
    ['payments.unappliedField.company', 'company', rules.payments.unappliedField.company],
  ];
}

const list = (values: readonly string[]): string => (values.length === 0 ? 'none' : values.slice(0, 20).join(', ') + (values.length > 20 ? ', …' : ''));

/** Whether the rules name a product property, so the portal's property list is read. Pure. */
export function namesProductProperties(rules: MappingRules): boolean {
  return rules.customFields.some((r) => r.b24.entity === 'product');
}

/** Which user-field lists the rules need from the portal. Pure. */
export function userFieldEntitiesNamed(rules: MappingRules): UserFieldEntity[] {
  const out = new Set<UserFieldEntity>();
  for (const rule of rules.customFields) if (rule.b24.entity !== 'product') out.add(rule.b24.entity);
  if (rules.deletes.inactiveField !== null) {
    out.add('contact');
    out.add('company');
  }
  if (Object.values(rules.deals.fields).some((f) => f !== null)) out.add('deal');
  if (rules.toQuickBooks.deals.enabled && rules.toQuickBooks.deals.txnIdField !== null) out.add('deal');
  for (const [, entity, field] of unappliedFields(rules)) if (field !== null) out.add(entity);
  return [...out];
}

/**
 * Compares the rules with the portal: the pipeline, each stage, the contact and company types, the user fields and
 * the currency must exist there. Pure; returns every mismatch as "json.path: what is wrong".
 */
export function checkMappingAgainstPortal(rules: MappingRules, portal: PortalFacts): string[] {
  const p = new MappingProblems();
  const pipeline = rules.deals.categoryId;
  if (!portal.pipelines.includes(pipeline)) {
    p.add('deals.categoryId', `pipeline ${pipeline} does not exist in the portal (its deal pipelines: ${list(portal.pipelines.map(String))})`);
  } else {
    for (const [key, stage] of Object.entries(rules.deals.stages)) {
      if (!portal.stages.includes(stage))
        p.add(`deals.stages.${key}`, `"${stage}" is not a stage of pipeline ${pipeline} in the portal (its stages: ${list(portal.stages)})`);
    }
  }
  const deals = rules.toQuickBooks.deals;
  if (deals.enabled) {
    deals.stages.forEach((stage, i) => {
      if (portal.pipelines.includes(pipeline) && !portal.stages.includes(stage))
        p.add(`toQuickBooks.deals.stages[${i}]`, `"${stage}" is not a stage of pipeline ${pipeline} in the portal (its stages: ${list(portal.stages)})`);
    });
    if (deals.txnIdField !== null && !(portal.userFields.deal ?? []).includes(deals.txnIdField))
      p.add('toQuickBooks.deals.txnIdField', `${deals.txnIdField} does not exist on Bitrix24 deal records`);
  }
  rules.toQuickBooks.contactTypes.forEach((t, i) => {
    if (!portal.contactTypes.includes(t))
      p.add(`toQuickBooks.contactTypes[${i}]`, `"${t}" is not a contact type in the portal (CONTACT_TYPE: ${list(portal.contactTypes)})`);
  });
  rules.toQuickBooks.companyTypes.forEach((t, i) => {
    if (!portal.companyTypes.includes(t))
      p.add(`toQuickBooks.companyTypes[${i}]`, `"${t}" is not a company type in the portal (COMPANY_TYPE: ${list(portal.companyTypes)})`);
  });
  if (!portal.contactTypes.includes(rules.vendors.contactType)) {
    p.add('vendors.contactType', `"${rules.vendors.contactType}" is not a contact type in the portal (CONTACT_TYPE: ${list(portal.contactTypes)})`);
  }
  rules.customFields.forEach((rule, i) => {
    if (rule.b24.entity === 'product') {
      if (!(portal.productProperties ?? []).includes(rule.b24.field))
        p.add(
          `customFields[${i}].b24.field`,
          `${rule.b24.field} is not a product property in the portal (its properties: ${list(portal.productProperties ?? [])})`,
        );
      return;
    }
    const fields = portal.userFields[rule.b24.entity] ?? [];
    if (!fields.includes(rule.b24.field)) p.add(`customFields[${i}].b24.field`, `${rule.b24.field} does not exist on Bitrix24 ${rule.b24.entity} records`);
  });
  for (const [key, field] of Object.entries(rules.deals.fields)) {
    if (field !== null && !(portal.userFields.deal ?? []).includes(field)) p.add(`deals.fields.${key}`, `${field} does not exist on Bitrix24 deal records`);
  }
  const inactive = rules.deletes.inactiveField;
  if (inactive !== null) {
    for (const entity of ['contact', 'company'] as const) {
      if (!(portal.userFields[entity] ?? []).includes(inactive)) p.add('deletes.inactiveField', `${inactive} does not exist on Bitrix24 ${entity} records`);
    }
  }
  for (const [key, entity, field] of unappliedFields(rules)) {
    if (field !== null && !(portal.userFields[entity] ?? []).includes(field)) p.add(key, `${field} does not exist on Bitrix24 ${entity} records`);
  }
  if (portal.currencies !== null && !portal.currencies.includes(rules.deals.currency)) {
    p.add('deals.currency', `"${rules.deals.currency}" is not a currency of the portal (its currencies: ${list(portal.currencies)})`);
  }
  return p.list;
}
