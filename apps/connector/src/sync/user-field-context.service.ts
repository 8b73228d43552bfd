import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  customFieldOwnerIds,
  rulesToB24,
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
 * (contacts) and invoices (deals). Item ↔ product values and the Bitrix24 → QuickBooks direction are not carried yet.
 */
export function uncarriedCustomFieldRules(rules: MappingRules): string[] {
  return rules.customFields.flatMap((r, i) => {
    const at = `customFields[${i}] (${r.qb.entity} "${r.qb.name}" ↔ ${r.b24.entity} ${r.b24.field})`;
    if (r.qb.entity === 'item') return [`${at}: item ↔ product values are not carried yet`];
    if (r.direction === 'toQb') return [`${at}: Bitrix24 → QuickBooks is not carried yet, so this rule does nothing`];
    if (r.direction === 'both') return [`${at}: only QuickBooks → Bitrix24 is carried yet; edits in Bitrix24 do not reach QuickBooks`];
    return [];
  });
}

/** What the strategies need for the mapping's custom fields toward Bitrix24: the rules, definitions, and a journal. */
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

  async toB24(qb: CustomFieldQbEntity, b24: CustomFieldB24Entity): Promise<UserFieldContext> {
    const rules = rulesToB24(this.rules, qb, b24);
    return { rules, defs: rules.length === 0 ? new Map() : await this.catalog.defsFor(b24) };
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
