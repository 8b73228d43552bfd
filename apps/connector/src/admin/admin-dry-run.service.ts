import { Injectable } from '@nestjs/common';
import type { MappingRules } from '@qb-b24/sync-core';
import { AppConfig } from '../config/app-config.js';
import { resolveMappingRules } from '../config/mapping-file/resolve-mapping-rules.js';
import { DryRunService, type SyncPreview } from '../sync/dry-run/dry-run.service.js';
import { AdminError } from './admin.error.js';
import { AdminService } from './admin.service.js';

export const DRY_RUN_DEFAULT_LIMIT = 200;

/** The dry run as operators call it: the queue summary and watermarks, then the record-by-record preview. */
@Injectable()
export class AdminDryRunService {
  constructor(
    private readonly admin: AdminService,
    private readonly dryRun: DryRunService,
    private readonly config: AppConfig,
  ) {}

  /** `candidate`: a mapping file's content to preview instead of the rules in force; refused (400) when it does not fit. */
  async preview(candidate: unknown, limit = DRY_RUN_DEFAULT_LIMIT): Promise<Awaited<ReturnType<AdminService['dryRun']>> & SyncPreview> {
    let rules: MappingRules | null = null;
    if (candidate !== undefined) {
      // The same validator as a mapping file at start: every bad key named, the stages checked against the pipeline.
      const parsed = resolveMappingRules(JSON.stringify(candidate), this.config.sync.estimateStageId);
      if (!parsed.ok) throw new AdminError('INVALID_MAPPING', `the candidate mapping does not fit: ${parsed.problems.join('; ')}`);
      rules = parsed.rules;
    }
    const summary = await this.admin.dryRun();
    return { ...summary, ...(await this.dryRun.preview(rules, limit)) };
  }
}
