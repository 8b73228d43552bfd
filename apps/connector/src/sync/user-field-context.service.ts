import { Inject, Injectable } from '@nestjs/common';
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

/** What the strategies need for the mapping's custom fields toward Bitrix24: the rules, definitions, and a journal. */
@Injectable()
export class UserFieldContextService {
  constructor(
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    private readonly catalog: UserFieldCatalog,
    private readonly journal: SyncJournalRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
