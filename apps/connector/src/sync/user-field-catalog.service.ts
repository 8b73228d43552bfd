import { Inject, Injectable } from '@nestjs/common';
import type { Bitrix24Client } from '@qb-b24/bitrix24-client';
import type { MappingRules, UserFieldDef } from '@qb-b24/sync-core';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { MAPPING_RULES } from '../config/mapping-rules.tokens.js';

type UserFieldRow = { FIELD_NAME?: string; USER_TYPE_ID?: string; LIST?: { ID?: string | number; VALUE?: string }[] };

/**
 * The portal's definitions of the user fields the mapping file names (type, enumeration items), read once per
 * process with `crm.{entity}.userfield.list` (bitrix24.md §5.13): what converts a QuickBooks custom field to the
 * user field's format. A failed read is not cached, so the page that needed it fails and is retried.
 */
@Injectable()
export class UserFieldCatalog {
  private readonly cache = new Map<string, Promise<Map<string, UserFieldDef>>>();

  constructor(
    private readonly connection: Bitrix24Connection,
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
  ) {}

  /** The portal's client now: the setup page can point the connection at a webhook after start. */
  private get client(): Bitrix24Client | null {
    return this.connection.client;
  }

  defsFor(b24Entity: string): Promise<Map<string, UserFieldDef>> {
    // Product properties (PROPERTY_n) are plain values: no definitions to read.
    if (b24Entity === 'product' || this.client === null || !this.rules.customFields.some((r) => r.b24.entity === b24Entity)) return Promise.resolve(new Map());
    let defs = this.cache.get(b24Entity);
    if (defs === undefined) {
      defs = this.load(this.client, b24Entity);
      this.cache.set(b24Entity, defs);
      defs.catch(() => this.cache.delete(b24Entity));
    }
    return defs;
  }

  private async load(client: Bitrix24Client, b24Entity: string): Promise<Map<string, UserFieldDef>> {
    const res = await client.call<UserFieldRow[]>(`crm.${b24Entity}.userfield.list`, {});
    const out = new Map<string, UserFieldDef>();
    for (const row of Array.isArray(res.result) ? res.result : []) {
      if (typeof row.FIELD_NAME !== 'string') continue;
      const items = (row.LIST ?? []).map((i) => ({ id: String(i.ID ?? ''), label: String(i.VALUE ?? '') }));
      out.set(row.FIELD_NAME, { fieldName: row.FIELD_NAME, type: String(row.USER_TYPE_ID ?? 'string'), items });
    }
    return out;
  }
}
