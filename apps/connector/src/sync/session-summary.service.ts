import { Injectable } from '@nestjs/common';
import type { Bitrix24Client } from '@qb-b24/bitrix24-client';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { Bitrix24LinkState } from '../bitrix/bitrix24-link-state.js';
import { MappingPortalCheckService, type MappingPortalState } from '../bitrix/mapping-portal-check.service.js';
import { AppConfig } from '../config/app-config.js';
import type { SessionPlan } from './session-plan.js';
import { summarizeSession, type Bitrix24Side } from './session-summary.js';
import { StagedPageRepository, type StagedBacklog } from './staged-page.repository.js';

/** The Bitrix24 side's state from the database and the link's last calls: no Bitrix24 I/O. */
@Injectable()
export class SessionSummaryService {
  constructor(
    private readonly connection: Bitrix24Connection,
    private readonly link: Bitrix24LinkState,
    private readonly staged: StagedPageRepository,
    private readonly config: AppConfig,
    private readonly portalCheck: MappingPortalCheckService,
  ) {}

  /** Read on every use: the setup page can connect Bitrix24 while the service runs. */
  private get client(): Bitrix24Client | null {
    return this.connection.client;
  }

  async bitrix24Side(): Promise<Bitrix24Side & { readonly backlog?: StagedBacklog; readonly mappingCheck?: MappingPortalState }> {
    if (!this.client) return { configured: false };
    const backlog = await this.staged.backlog();
    const link = this.link.snapshot();
    const check = this.portalCheck.snapshot();
    const mappingProblem = check.status === 'mismatch' ? check.problems.join('; ') : undefined;
    return {
      configured: true,
      trouble: link.trouble,
      troubleSince: link.since,
      waitingRecords: backlog.records,
      setAsidePages: backlog.deadPages,
      backlog,
      mappingCheck: check,
      ...(mappingProblem !== undefined ? { mappingProblem } : {}),
    };
  }

  /** A run with nothing to do in QuickBooks: still says what waits for Bitrix24, or that it is not configured. */
  async describeIdle(): Promise<string> {
    return summarizeSession({ read: {}, writtenToQb: 0, failedSteps: 0, b24: await this.bitrix24Side(), timeZone: this.config.qbwc.timeZone });
  }

  /** What Web Connector's Status column shows when the session closes. */
  async describe(plan: SessionPlan): Promise<string> {
    const written = plan.steps.reduce((n, s) => n + (s.kind === 'write' ? s.sent : 0), 0);
    return summarizeSession({
      read: plan.read ?? {},
      writtenToQb: written,
      failedSteps: plan.errors.length,
      b24: await this.bitrix24Side(),
      timeZone: this.config.qbwc.timeZone,
    });
  }
}
