import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { StatusService } from '../health/status.service.js';
import { IdMappingQueryService } from '../mapping/id-mapping-query.service.js';
import { QbwcSessionQueryService } from '../qbwc/qbwc-session-query.service.js';
import { OutboxQueryService } from '../sync/outbox-query.service.js';
import { SetupService } from '../setup/setup.service.js';
import { SyncHistoryQueryService } from '../sync/sync-history-query.service.js';
import type { DashboardModel } from './dashboard-model.js';
import { activitySince, buildActivity } from './activity.js';
import { explainError } from './explain-error.js';
import { mappingPanel } from './mapping-panel.js';
import { OwnershipService } from '../ownership/ownership.service.js';
import { describeOwner } from '../ownership/describe-owner.js';
import { THIS_PROCESS } from '../ownership/process-identity.js';

/** Gathers the dashboard's numbers from the same sources as /health and /status, plus links per entity. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly config: AppConfig,
    private readonly status: StatusService,
    private readonly sessions: QbwcSessionQueryService,
    private readonly mappings: IdMappingQueryService,
    private readonly outbox: OutboxQueryService,
    private readonly history: SyncHistoryQueryService,
    private readonly setup: SetupService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownership: OwnershipService,
  ) {}

  async model(): Promise<DashboardModel> {
    const now = this.clock.now();
    const since = activitySince(now);
    const [health, sessions, runs, queue, watermarks, errors, last, mappings, setupComplete, synced, errorsPerHour, spans, owner, skipped] = await Promise.all([
      this.status.health(),
      this.sessions.countOpen(),
      this.history.countRunsSince(new Date(now.getTime() - 24 * 3600_000)),
      this.outbox.countsByStatus(),
      this.history.watermarks(),
      this.history.lastErrors(10),
      this.sessions.lastContact(),
      this.mappings.countsByEntityPair(),
      this.setup.complete(),
      this.history.syncedPerHour(since),
      this.history.errorsPerHour(since),
      this.outbox.queueSpans(since),
      this.ownership.owner(),
      this.status.skippedByFilter(),
    ]);
    return {
      version: this.config.version,
      basePath: this.config.http.basePath,
      generatedAt: now.toISOString(),
      setupComplete,
      activity: buildActivity({ now, synced, errors: errorsPerHour, queue: spans }),
      status: health.status,
      owner: describeOwner(owner, this.config.cluster.ownershipRetryMs / 1000),
      servedBy: `process ${THIS_PROCESS.pid} on ${THIS_PROCESS.host} (boot ${THIS_PROCESS.bootId.slice(0, 8)})`,
      checks: Object.entries(health.checks).map(([name, c]) => ({ name, status: c.status, detail: c.detail })),
      lastSession: last
        ? { at: last.lastSeenAt.toISOString(), state: last.state, rounds: last.rounds, progress: last.progress, failed: last.lastError !== null }
        : null,
      activeSessions: sessions,
      syncsLast24h: runs,
      mappings,
      watermarks: watermarks.map((w) => ({ key: w.key, modifiedSince: w.modifiedSince?.toISOString() ?? null, recordsSeen: w.recordsSeen })),
      queue,
      errors: errors.map((x) => ({
        at: x.createdAt.toISOString(),
        source: x.source,
        entity: x.entity,
        recordId: x.recordId,
        code: x.code,
        ...explainError(x.code, x.source, x.entity),
      })),
      mapping: mappingPanel(this.config.mapping, skipped),
    };
  }
}
