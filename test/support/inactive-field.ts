import type { Bitrix24Portal } from '@qb-b24/bitrix24-emulator';
import { DEFAULT_MAPPING_RULES, type MappingRules } from '@qb-b24/sync-core';

/** Mapping rules that mark a customer made inactive in QuickBooks, in the text and in a custom field. */
export const MARK_INACTIVE_RULES: MappingRules = { ...DEFAULT_MAPPING_RULES, deletes: { fromQuickBooks: 'mark', inactiveField: 'UF_CRM_QB_INACTIVE' } };

/**
 * Adds UF_CRM_QB_INACTIVE to contacts and companies, as an administrator would before using MARK_INACTIVE_RULES: the
 * mapping check at start refuses to write while a field the mapping names is missing on either.
 */
export async function addInactiveField(portal: Bitrix24Portal): Promise<void> {
  for (const entity of ['contact', 'company']) {
    const field = await fetch(`${portal.webhookUrl}crm.${entity}.userfield.add`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ fields: { FIELD_NAME: 'QB_INACTIVE', USER_TYPE_ID: 'string' } }),
    });
    if (field.status !== 200) throw new Error(`crm.${entity}.userfield.add answered ${field.status}`);
  }
}
