import { Injectable } from '@nestjs/common';
import type { MappingRules } from '@qb-b24/sync-core';
import { candidateRules } from '../sync/dry-run/candidate-rules.util.js';
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
  ) {}

  /** `candidate`: a mapping file's content to preview instead of the rules in force; refused (400) when it does not fit. */
  async preview(candidate: unknown, limit = DRY_RUN_DEFAULT_LIMIT): Promise<Awaited<ReturnType<AdminService['dryRun']>> & SyncPreview> {
    let rules: MappingRules | null = null;
    if (candidate !== undefined) {
      const parsed = candidateRules(candidate);
      if (!parsed.ok) throw new AdminError('INVALID_MAPPING', `the candidate mapping does not fit: ${parsed.problems.join('; ')}`);
      rules = parsed.rules;
    }
    const summary = await this.admin.dryRun();
    return { ...summary, ...(await this.dryRun.preview(rules, limit)) };
  }
}
