import type { Bitrix24Client, BatchCommand } from '@qb-b24/bitrix24-client';
import type { MappingRules } from '@qb-b24/sync-core';
import { namesProductProperties, type PortalFacts, userFieldEntitiesNamed } from '../config/mapping-file/check-mapping-against-portal.js';
import { isPlainObject } from '../config/mapping-file/mapping-problems.js';

export type PortalFactsRead = { readonly ok: true; readonly facts: PortalFacts } | { readonly ok: false; readonly reason: string };

/**
 * Reads what the mapping rules name from the portal in one batch call (bitrix24.md §5.5, §5.10). Throws the
 * client's Bitrix24Error when the call itself fails (unreachable, refused); a command the portal refuses gives
 * `ok: false` with its reason, except crm.currency.list, which not every portal (nor the emulator) answers.
 */
export async function readPortalFacts(client: Bitrix24Client, rules: MappingRules): Promise<PortalFactsRead> {
  const pipeline = rules.deals.categoryId;
  const ufEntities = userFieldEntitiesNamed(rules);
  const commands: Record<string, BatchCommand> = {
    pipelines: { method: 'crm.category.list', params: { entityTypeId: 2 } },
    // Stages of pipeline 0 are the DEAL_STAGE directory, of pipeline n DEAL_STAGE_n (bitrix24.md §5.5).
    stages: { method: 'crm.status.list', params: { filter: { ENTITY_ID: pipeline === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${pipeline}` } } },
    contactTypes: { method: 'crm.status.list', params: { filter: { ENTITY_ID: 'CONTACT_TYPE' } } },
    companyTypes: { method: 'crm.status.list', params: { filter: { ENTITY_ID: 'COMPANY_TYPE' } } },
    currencies: { method: 'crm.currency.list', params: {} },
  };
  for (const entity of ufEntities) commands[`uf_${entity}`] = { method: `crm.${entity}.userfield.list`, params: {} };
  const properties = namesProductProperties(rules);
  if (properties) commands['productProperties'] = { method: 'crm.product.property.list', params: {} };
  const res = await client.batch(commands);
  for (const [key, err] of res.errors) if (key !== 'currencies') return { ok: false, reason: `${commands[key]?.method ?? key}: ${err.message}` };
  const rows = (key: string): Record<string, unknown>[] => {
    const r = res.results.get(key);
    return Array.isArray(r) ? r.filter(isPlainObject) : [];
  };
  const column = (key: string, name: string): string[] => rows(key).map((row) => String(row[name] ?? ''));
  const categories = res.results.get('pipelines');
  const pipelineRows = isPlainObject(categories) && Array.isArray(categories['categories']) ? categories['categories'].filter(isPlainObject) : [];
  const userFields: Partial<Record<(typeof ufEntities)[number], string[]>> = {};
  for (const entity of ufEntities) userFields[entity] = column(`uf_${entity}`, 'FIELD_NAME');
  return {
    ok: true,
    facts: {
      pipelines: pipelineRows.map((c) => Number(c['id'])),
      stages: column('stages', 'STATUS_ID'),
      contactTypes: column('contactTypes', 'STATUS_ID'),
      companyTypes: column('companyTypes', 'STATUS_ID'),
      userFields,
      currencies: res.errors.has('currencies') ? null : column('currencies', 'CURRENCY'),
      ...(properties ? { productProperties: column('productProperties', 'ID').map((id) => `PROPERTY_${id}`) } : {}),
    },
  };
}
