import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Bitrix24Client, Bitrix24Health } from '@qb-b24/bitrix24-client';
import { B24EventQueryService } from '../bitrix/b24-event-query.service.js';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingQueryService } from '../mapping/id-mapping-query.service.js';
import { QbwcSessionQueryService } from '../qbwc/qbwc-session-query.service.js';
import { OutboxQueryService } from '../sync/outbox-query.service.js';
import { SyncHistoryQueryService } from '../sync/sync-history-query.service.js';
import { SessionSummaryService } from '../sync/session-summary.service.js';
import { B24SyncWorkerService } from '../sync/b24-sync-worker.service.js';
import { mappingHealthCheck } from './mapping-health-check.js';
import { StatusRepository } from './status.repository.js';
import { OwnershipService } from '../ownership/ownership.service.js';
import { ownerJson, processJson } from '../ownership/describe-owner.js';
import { THIS_PROCESS } from '../ownership/process-identity.js';

/** The product reads and writes CRM records and products (crm.product.* is in the crm scope). */
const REQUIRED_SCOPES = ['crm'];

export type HealthState = 'ok' | 'degraded' | 'error';

export interface HealthCheck {
  readonly status: HealthState;
  readonly detail: string;
}

export interface HealthReport {
  readonly status: HealthState;
  readonly checks: Readonly<Record<string, HealthCheck>>;
}

/** Builds /health and /status from the database, so they tell the truth after a restart too. */
@Injectable()
export class StatusService {
  private readonly logger = new Logger(StatusService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly repo: StatusRepository,
    private readonly sessions: QbwcSessionQueryService,
    private readonly mappings: IdMappingQueryService,
    private readonly outbox: OutboxQueryService,
    private readonly history: SyncHistoryQueryService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly connection: Bitrix24Connection,
    private readonly bitrix24Side: SessionSummaryService,
    private readonly worker: B24SyncWorkerService,
    private readonly events: B24EventQueryService,
    private readonly ownership: OwnershipService,
  ) {}

  /** Read on every use: the setup page can connect Bitrix24 while the service runs. */
  private get b24(): Bitrix24Client | null {
    return this.connection.client;
  }

  /** What waits for Bitrix24 and why: the staged QuickBooks pages, the link's state, the worker's next try. */
  private async bitrix24Backlog(): Promise<Record<string, unknown> | null> {
    const side = await this.bitrix24Side.bitrix24Side();
    if (!side.configured) return null;
    return {
      pages: side.backlog?.pages ?? 0,
      records: side.waitingRecords,
      set_aside_pages: side.setAsidePages,
      oldest_at: side.backlog?.oldestAt?.toISOString() ?? null,
      link: side.trouble ?? 'ok',
      trouble_since: side.troubleSince?.toISOString() ?? null,
      retrying_at: this.worker.retryingAt?.toISOString() ?? null,
    };
  }

  private b24Cache: { at: number; client: Bitrix24Client; health: Bitrix24Health } | null = null;

  /** The portal's reachability and the webhook's scopes, asked at most once a minute (it costs a call). */
  private async bitrix24Health(): Promise<Bitrix24Health | null> {
    const client = this.b24;
    if (!client) return null;
    const now = this.clock.now().getTime();
    // A webhook URL saved on the setup page is a new client: its answer is asked for at once.
    if (this.b24Cache && this.b24Cache.client === client && now - this.b24Cache.at < 60_000) return this.b24Cache.health;
    const health = await client.checkHealth(REQUIRED_SCOPES);
    this.b24Cache = { at: now, client, health };
    return health;
  }

  async health(): Promise<HealthReport> {
    const checks: Record<string, HealthCheck> = {};
    try {
      await this.repo.ping();
      checks['database'] = { status: 'ok', detail: this.config.database.type };
    } catch (err) {
      // /health is public: the driver's text (file paths, host names, SQL) goes to the log only.
      this.logger.error({ event: 'health.database_failed', message: err instanceof Error ? err.message : String(err) });
      checks['database'] = { status: 'error', detail: 'database unreachable' };
    }
    const b24 = await this.bitrix24Health();
    if (!b24)
      checks['bitrix24'] = {
        status: 'degraded',
        detail: 'no Bitrix24 webhook URL (BITRIX24_WEBHOOK_URL or the setup page at /setup): nothing is synced to Bitrix24',
      };
    else if (b24.ok) checks['bitrix24'] = { status: 'ok', detail: `reachable; scopes ${b24.scopes.join(', ')}` };
    else if (!b24.reachable)
      checks['bitrix24'] = { status: 'degraded', detail: `portal unreachable (${b24.error?.code ?? 'no answer'}); changes wait in the queue` };
    else if (!b24.authorized) checks['bitrix24'] = { status: 'error', detail: 'the inbound webhook was refused: check BITRIX24_WEBHOOK_URL' };
    else
      checks['bitrix24'] = {
        status: 'error',
        detail: `the inbound webhook lacks scopes: ${b24.missingScopes.join(', ')}; add them in Bitrix24 → Developer resources`,
      };
    if (checks['database'].status === 'ok') {
      const backlog = await this.bitrix24Side.bitrix24Side();
      if (backlog.configured) checks['bitrix24_backlog'] = backlogCheck(backlog.waitingRecords, backlog.setAsidePages, backlog.backlog?.oldestAt ?? null);
      if (backlog.configured && backlog.mappingCheck) checks['mapping'] = mappingHealthCheck(backlog.mappingCheck);
      const last = await this.sessions.lastContact();
      checks['qbwc'] = last
        ? { status: 'ok', detail: `last Web Connector contact ${last.lastSeenAt.toISOString()}` }
        : { status: 'ok', detail: 'no Web Connector session yet: register the .qwc file in Web Connector' };
    }
    return { status: worst(Object.values(checks).map((c) => c.status)), checks };
  }

  /** Bitrix24 records (per entity) the mapping's toQuickBooks filter kept out of QuickBooks. */
  skippedByFilter(): Promise<Record<string, number>> {
    return this.events.skippedByFilter();
  }

  async status(): Promise<Record<string, unknown>> {
    const health = await this.health();
    const now = this.clock.now();
    const [sessions, mappings, runs, queue, watermarks, errors, last, backlog, skipped, owner] = await Promise.all([
      this.sessions.countOpen(),
      this.mappings.count(),
      this.history.countRunsSince(new Date(now.getTime() - 24 * 3600_000)),
      this.outbox.countsByStatus(),
      this.history.watermarks(),
      this.history.lastErrors(10),
      this.sessions.lastContact(),
      this.bitrix24Backlog(),
      this.events.skippedByFilter(),
      this.ownership.owner(),
    ]);
    return {
      status: health.status,
      version: this.config.version,
      // Several processes may serve one database: which one answered, and which one runs this company's Bitrix24
      // worker and poller (its advisory lock's holder).
      served_by: processJson(THIS_PROCESS),
      background_owner: ownerJson(owner),
      active_sessions: sessions,
      id_mappings: mappings,
      syncs_last_24h: runs,
      pending_queue: queue.pending + queue.in_flight,
      bitrix24_configured: this.b24 !== null,
      // QuickBooks records read by Web Connector and not yet in Bitrix24 (the worker sends them in the background).
      bitrix24_backlog: backlog,
      // Bitrix24 records (per entity) the mapping file's toQuickBooks filter kept out of QuickBooks.
      skipped_by_filter: skipped,
      queue,
      dead_letters: queue.dead,
      conflicts: queue.conflict,
      watermarks: Object.fromEntries(watermarks.map((w) => [w.key, { modified_since: w.modifiedSince?.toISOString() ?? null, records_seen: w.recordsSeen }])),
      // /status needs no token, so it carries states, codes and counts only: the texts (QuickBooks and Bitrix24
      // messages, record ids, the company file) are at GET /admin/errors.
      last_qbwc_contact: last ? { at: last.lastSeenAt.toISOString(), state: last.state, rounds: last.rounds, failed: last.lastError !== null } : null,
      last_errors: errors.map((e) => ({ at: e.createdAt.toISOString(), source: e.source, entity: e.entity, code: e.code })),
    };
  }
}

/** The QuickBooks records read and not yet in Bitrix24: normal while the worker sends them; set-aside pages need a person. */
function backlogCheck(records: number, setAside: number, oldest: Date | null): HealthCheck {
  const waiting =
    records > 0 ? `${records} QuickBooks record(s) wait for Bitrix24${oldest ? ` (oldest read ${oldest.toISOString()})` : ''}` : 'nothing waits for Bitrix24';
  if (setAside > 0)
    return {
      status: 'degraded',
      detail: `${waiting}; ${setAside} page(s) set aside after repeated failures: see last_errors, fix the cause, then POST /admin/resync`,
    };
  return { status: 'ok', detail: waiting };
}

function worst(states: HealthState[]): HealthState {
  if (states.includes('error')) return 'error';
  if (states.includes('degraded')) return 'degraded';
  return 'ok';
}
