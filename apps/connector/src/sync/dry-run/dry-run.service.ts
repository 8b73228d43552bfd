import { Inject, Injectable } from '@nestjs/common';
import type { MappingRules } from '@qb-b24/sync-core';
import { mappingOptionsFromRules } from '../mapping-options.provider.js';
import { MAPPING_RULES } from '../../config/mapping-rules.tokens.js';
import { changedRuleKeys } from './candidate-rules.util.js';
import type { RulesPreview, ToBitrix24Preview, ToQuickBooksPreview } from './dry-run.type.js';
import { ToBitrix24PreviewService } from './to-bitrix24-preview.service.js';
import { ToQuickBooksPreviewService } from './to-quickbooks-preview.service.js';

export interface SyncPreview {
  readonly rules: RulesPreview;
  readonly toBitrix24: ToBitrix24Preview;
  readonly toQuickBooks: ToQuickBooksPreview;
}

/**
 * What the next sync would change on each side, record by record and field by field, under the rules in force or
 * a candidate mapping (`candidate`, already validated). Writes nothing anywhere.
 */
@Injectable()
export class DryRunService {
  constructor(
    @Inject(MAPPING_RULES) private readonly rules: MappingRules,
    private readonly toBitrix24: ToBitrix24PreviewService,
    private readonly toQuickBooks: ToQuickBooksPreviewService,
  ) {}

  async preview(candidate: MappingRules | null, limit: number): Promise<SyncPreview> {
    const options = {
      inForce: mappingOptionsFromRules(this.rules),
      candidate: candidate ? mappingOptionsFromRules(candidate) : null,
    };
    return {
      rules: candidate ? { source: 'candidate', changedKeys: changedRuleKeys(this.rules, candidate) } : { source: 'in force', changedKeys: [] },
      toBitrix24: await this.toBitrix24.preview(options, limit),
      toQuickBooks: await this.toQuickBooks.preview(candidate, limit),
    };
  }
}
