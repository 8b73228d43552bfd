import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { StatusRepository } from './status.repository.js';

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
  constructor(
    private readonly config: AppConfig,
    private readonly repo: StatusRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async health(): Promise<HealthReport> {
    const checks: Record<string, HealthCheck> = {};
    try {
      await this.repo.ping();
      checks['database'] = { status: 'ok', detail: this.config.database.type };
    } catch (err) {
      checks['database'] = { status: 'error', detail: `database unreachable: ${err instanceof Error ? err.message : String(err)}` };
    }
    checks['bitrix24'] = this.config.bitrix24.webhookUrl
      ? { status: 'ok', detail: 'configured' }
      : { status: 'degraded', detail: 'BITRIX24_WEBHOOK_URL is not set: nothing is synced to Bitrix24' };
    if (checks['database'].status === 'ok') {
      const last = await this.repo.lastSession();
      checks['qbwc'] = last
        ? { status: 'ok', detail: `last Web Connector contact ${last.lastSeenAt.toISOString()}` }
        : { status: 'ok', detail: 'no Web Connector session yet: register the .qwc file in Web Connector' };
    }
    return { status: worst(Object.values(checks).map((c) => c.status)), checks };
  }

  async status(): Promise<Record<string, unknown>> {
    const health = await this.health();
    const now = this.clock.now();
    const [sessions, mappings, runs, queue, watermarks, errors, last] = await Promise.all([
      this.repo.countOpenSessions(),
      this.repo.countMappings(),
      this.repo.countRunsSince(new Date(now.getTime() - 24 * 3600_000)),
      this.repo.outboxCounts(),
      this.repo.watermarks(),
      this.repo.lastErrors(10),
      this.repo.lastSession(),
    ]);
    return {
      status: health.status,
      version: this.config.version,
      active_sessions: sessions,
      id_mappings: mappings,
      syncs_last_24h: runs,
      pending_queue: queue.pending + queue.in_flight,
      bitrix24_configured: this.config.bitrix24.webhookUrl !== undefined,
      queue,
      dead_letters: queue.dead,
      conflicts: queue.conflict,
      watermarks: Object.fromEntries(
        watermarks.map((w) => [w.key, { modified_since: w.modifiedSince?.toISOString() ?? null, records_seen: w.recordsSeen }]),
      ),
      last_qbwc_contact: last ? { at: last.lastSeenAt.toISOString(), state: last.state, rounds: last.rounds, error: last.lastError } : null,
      last_errors: errors.map((e) => ({
        at: e.createdAt.toISOString(),
        source: e.source,
        entity: e.entity,
        record: e.recordId,
        code: e.code,
        message: e.message,
      })),
    };
  }
}

function worst(states: HealthState[]): HealthState {
  if (states.includes('error')) return 'error';
  if (states.includes('degraded')) return 'degraded';
  return 'ok';
}
