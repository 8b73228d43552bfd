import { Injectable } from '@nestjs/common';
import { B24EventQueryService } from '../bitrix/b24-event-query.service.js';
import { IdMappingQueryService } from '../mapping/id-mapping-query.service.js';
import { QbwcSessionQueryService } from '../qbwc/qbwc-session-query.service.js';
import { OutboxQueryService } from '../sync/outbox-query.service.js';
import { SyncHistoryQueryService } from '../sync/sync-history-query.service.js';

/** One grouped count: label values by label name, and how many rows have them. */
export interface CountRow {
  readonly labels: Readonly<Record<string, string | null>>;
  readonly n: number;
}

export type CountQuery = 'sessions' | 'mappings' | 'synced' | 'outbox' | 'events' | 'errors' | 'runs';

/**
 * The grouped counts behind the database gauges, read at scrape time through the query services of the
 * modules that own the tables. Label values come from columns the code writes (states, entity names,
 * directions), never from free text.
 */
@Injectable()
export class DbCountSources {
  constructor(
    private readonly sessions: QbwcSessionQueryService,
    private readonly mappings: IdMappingQueryService,
    private readonly outbox: OutboxQueryService,
    private readonly events: B24EventQueryService,
    private readonly history: SyncHistoryQueryService,
  ) {}

  async counts(query: CountQuery): Promise<CountRow[]> {
    switch (query) {
      case 'sessions':
        return (await this.sessions.countsByState()).map((r) => ({ labels: { state: r.state }, n: r.count }));
      case 'mappings':
        return (await this.mappings.countsByEntityPair()).map((r) => ({ labels: { qb_entity: r.qbEntity, b24_entity: r.b24Entity }, n: r.count }));
      case 'synced':
        return (await this.history.syncedCounts()).map((r) => ({
          labels: { direction: r.direction, qb_entity: r.qbEntity, b24_entity: r.b24Entity },
          n: r.count,
        }));
      case 'outbox':
        return (await this.outbox.countsByStatusAndQbEntity()).map((r) => ({ labels: { status: r.status, qb_entity: r.qbEntity }, n: r.count }));
      case 'events':
        return (await this.events.countsByStatusAndEntity()).map((r) => ({ labels: { status: r.status, b24_entity: r.b24Entity }, n: r.count }));
      case 'errors':
        return (await this.history.errorCountsBySource()).map((r) => ({ labels: { source: r.source }, n: r.count }));
      case 'runs':
        return (await this.history.runCounts()).map((r) => ({ labels: { trigger: r.trigger, status: r.status }, n: r.count }));
    }
  }
}
