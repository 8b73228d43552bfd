import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  customFieldOwnerIds,
  customFieldsToQb,
  rulesBetween,
  rulesToQb,
  type CustomFieldB24Entity,
  type CustomFieldProblem,
  type CustomFieldQbEntity,
  type MappingRules,
} from '@qb-b24/sync-core';
import { CLOCK, type Clock } from '../common/clock.js';
import { MAPPING_RULES } from '../config/mapping-rules.tokens.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { UserFieldCatalog } from './user-field-catalog.service.js';
import type { UserFieldContext } from './user-field-values.js';

/**
 * The custom-field rules this version carries: QuickBooks → Bitrix24 for customers (contacts, companies), vendors
 * (contacts), items (products) and invoices (deals); Bitrix24 → QuickBooks for contacts and companies (customers)
 * and products (items). The Bitrix24 → QuickBooks half of vendor and invoice rules is not carried.
 */
export function uncarriedCustomFieldRules(rules: MappingRules): string[] {
  return rules.customFields.flatMap((r, i) => {
    const at = `customFields[${i}] (${r.qb.entity} "${r.qb.name}" ↔ ${r.b24.entity} ${r.b24.field})`;
    if (r.qb.entity !== 'vendor' && r.qb.entity !== 'invoice') return [];
    if (r.direction === 'toQb') return [`${at}: Bitrix24 → QuickBooks is not carried for ${r.qb.entity}s, so this rule does nothing`];
    if (r.direction === 'both') return [`${at}: only QuickBooks → Bitrix24 is carried for ${r.qb.entity}s; edits in Bitrix24 do not reach QuickBooks`];
    return [];
  });
}

/** What the strategies need for the mapping's custom fields: the rules, the portal's definitions, and a journal. */
@Injectable()
export class UserFieldContextService implements OnApplicationBootstrap {
  private readonly logger = new Logger(UserFieldContextService.name);

  constructor(
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    private readonly catalog: UserFieldCatalog,
    private readonly journal: SyncJournalRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An operator who maps a field this version does not carry learns it at start, not from missing values. */
  onApplicationBootstrap(): void {
    for (const problem of uncarriedCustomFieldRules(this.rules)) {
      this.logger.warn({ event: 'mapping.custom_field_not_carried', problem, action: 'see README "Mapping file": custom fields' });
    }
  }

  /** OwnerID 0 on this entity's QuickBooks query when a rule reads its custom fields. */
  ownerIds(qb: CustomFieldQbEntity): { OwnerID?: readonly string[] } {
    return customFieldOwnerIds(this.rules, qb);
  }

  /** Every rule between the two entities (whatever its direction) with the definitions: for hashes and QuickBooks → Bitrix24. */
  async toB24(qb: CustomFieldQbEntity, b24: CustomFieldB24Entity): Promise<UserFieldContext> {
    const rules = rulesBetween(this.rules, qb, b24);
    return { rules, defs: rules.length === 0 ? new Map() : await this.catalog.defsFor(b24) };
  }

  /**
   * The QuickBooks custom-field values a Bitrix24 record gives (rules both / toQb): DataExtName → text, '' = remove,
   * and the values cut or left out, for the caller to journal once it queues the write (reportToQb). Reads only, so
   * the dry run can ask too.
   */
  async toQb(
    qb: CustomFieldQbEntity,
    b24: CustomFieldB24Entity,
    record: Readonly<Record<string, unknown>>,
  ): Promise<{ values: Record<string, string>; problems: CustomFieldProblem[] }> {
    const rules = rulesToQb(this.rules, qb, b24);
    if (rules.length === 0) return { values: {}, problems: [] };
    return customFieldsToQb(record, rules, await this.catalog.defsFor(b24));
  }

  /** A value cut or left out on its way to QuickBooks: the journal says which and why, against the Bitrix24 record. */
  async reportToQb(b24Entity: string, b24Id: string, problems: readonly CustomFieldProblem[]): Promise<void> {
    for (const p of problems) {
      await this.journal.error(
        { source: 'b24->qb', entity: b24Entity, recordId: b24Id, code: 'CUSTOM_FIELD', message: `${p.field}: ${p.message}` },
        this.clock.now(),
      );
    }
  }

  /** A value that could not be converted is left out of Bitrix24; the journal says which and why. */
  async report(qbEntity: string, qbId: string, problems: readonly CustomFieldProblem[], runId: number): Promise<void> {
    for (const p of problems) {
      await this.journal.error(
        { runId, source: 'qb->b24', entity: qbEntity, recordId: qbId, code: 'CUSTOM_FIELD', message: `${p.field}: ${p.message}` },
        this.clock.now(),
      );
    }
  }
}
