import { Inject, Injectable, Logger } from '@nestjs/common';
import { B24EventQueryService } from '../bitrix/b24-event-query.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingQueryService } from '../mapping/id-mapping-query.service.js';
import { OutboxCommandService } from '../sync/outbox-command.service.js';
import { OutboxQueryService } from '../sync/outbox-query.service.js';
import type { OutboxCommandResult, OutboxStatus, PendingGroup, RecordKey } from '../sync/outbox.type.js';
import { SyncHistoryQueryService } from '../sync/sync-history-query.service.js';
import { WatermarkCommandService } from '../sync/watermark-command.service.js';
import { AdminError } from './admin.error.js';
import { OutboxRowDto } from './dto/outbox-row.dto.js';
import { B24_SYNC_ENTITIES, QB_SYNC_ENTITIES, type ResyncEntity, type SyncSystem } from './sync-entities.constant.js';
import { parseJsonObject } from '../common/parse-json-object.js';

export const DEFAULT_LIMIT = 100;

export interface HistoryEntry {
  readonly at: string;
  readonly source: 'sync_log' | 'b24_event' | 'outbox';
  readonly [field: string]: unknown;
}

export interface WatermarkRead {
  readonly key: string;
  readonly system: SyncSystem | 'other';
  readonly entity: string;
  /** null = the next run does a full import. */
  readonly modifiedSince: string | null;
  readonly deletedSince: string | null;
}

/**
 * Operator actions on the queue and sync state. The tables belong to sync/, mapping/ and bitrix/: reads go
 * through their query services, and each mutation is one of sync/'s commands (one transaction with its audit row).
 */
@Injectable()
export class AdminService {
  private readonly logger = new Logger(AdminService.name);

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: OutboxQueryService,
    private readonly queue: OutboxCommandService,
    private readonly history: SyncHistoryQueryService,
    private readonly watermarks: WatermarkCommandService,
    private readonly mappings: IdMappingQueryService,
    private readonly events: B24EventQueryService,
  ) {}

  async list(statuses: readonly OutboxStatus[], limit = DEFAULT_LIMIT): Promise<OutboxRowDto[]> {
    return (await this.outbox.list(statuses, limit)).map((r) => OutboxRowDto.from(r));
  }

  /** A dead or conflict row goes back to pending with a fresh retry budget. */
  async requeue(id: number): Promise<OutboxRowDto> {
    return OutboxRowDto.from(accepted(await this.queue.requeue(id)));
  }

  async requeueAllDead(): Promise<{ requeued: number; ids: number[] }> {
    const ids = accepted(await this.queue.requeueAllDead());
    return { requeued: ids.length, ids };
  }

  /**
   * b24 wins: the stored Bitrix24 change is applied to QuickBooks as queued. qb wins: the row becomes a
   * `refresh`, so the engine re-reads the QuickBooks record and overwrites Bitrix24 with it.
   */
  async resolveConflict(id: number, winner: SyncSystem): Promise<OutboxRowDto> {
    return OutboxRowDto.from(accepted(await this.queue.resolveConflict(id, winner)));
  }

  async resync(entity: ResyncEntity, direction?: SyncSystem): Promise<{ entity: ResyncEntity; keys: string[]; reset: string[] }> {
    const keys = direction ? [`${direction}:${entity}`] : [`qb:${entity}`, `b24:${entity}`];
    const reset = await this.watermarks.reset(keys);
    this.logger.log({ event: 'admin.resync', entity, keys, reset });
    return { entity, keys, reset };
  }

  async mappingsPage(filter: { qbEntity?: string; b24Entity?: string }, limit = DEFAULT_LIMIT, offset = 0) {
    const [rows, total] = await this.mappings.page(filter, limit, offset);
    return {
      total,
      limit,
      offset,
      items: rows.map((m) => ({
        id: m.id,
        qbEntity: m.qbEntity,
        qbId: m.qbId,
        b24Entity: m.b24Entity,
        b24Id: m.b24Id,
        status: m.status,
        qbEditSequence: m.qbEditSequence,
        createdAt: m.createdAt.toISOString(),
        updatedAt: m.updatedAt.toISOString(),
      })),
    };
  }

  async runs(limit = DEFAULT_LIMIT) {
    return (await this.history.recentRuns(limit)).map((r) => ({
      id: r.id,
      trigger: r.trigger,
      ticketPrefix: r.ticketPrefix,
      status: r.status,
      stats: parseJsonObject(r.statsJson) ?? {},
      error: r.error,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    }));
  }

  /** Everything known about one record, across both of its ids (found through the mapping), newest first. */
  async recordHistory(system: SyncSystem, entity: string, id: string) {
    const linked = await this.mappings.linkedTo(system, entity, id);
    const qb: RecordKey[] = system === 'qb' ? [{ entity, id }] : linked.map((m) => ({ entity: m.qbEntity, id: m.qbId }));
    const b24: RecordKey[] = system === 'b24' ? [{ entity, id }] : linked.map((m) => ({ entity: m.b24Entity, id: m.b24Id }));
    const [logs, outbox, events] = await Promise.all([
      this.history.logsForRecords(qb, b24),
      this.outbox.forRecords(qb, b24),
      Promise.all(b24.map((k) => this.events.forRecord(k.entity, k.id))).then((l) => l.flat()),
    ]);
    const entries: HistoryEntry[] = [
      ...logs.map((l) => ({
        at: l.at.toISOString(),
        source: 'sync_log' as const,
        id: l.id,
        direction: l.direction,
        action: l.action,
        qbEntity: l.qbEntity,
        qbId: l.qbId,
        b24Entity: l.b24Entity,
        b24Id: l.b24Id,
        detail: l.detail,
      })),
      ...events.map((e) => ({
        at: e.receivedAt.toISOString(),
        source: 'b24_event' as const,
        id: e.id,
        event: e.event,
        b24Entity: e.b24Entity,
        b24Id: e.b24Id,
        action: e.action,
        status: e.status,
        note: e.note,
        processedAt: e.processedAt?.toISOString() ?? null,
      })),
      ...outbox.map((o) => ({ ...OutboxRowDto.from(o), at: o.updatedAt.toISOString(), source: 'outbox' as const })),
    ];
    entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
    return {
      system,
      entity,
      id,
      linked: linked.map((m) => ({ qbEntity: m.qbEntity, qbId: m.qbId, b24Entity: m.b24Entity, b24Id: m.b24Id, status: m.status })),
      entries,
    };
  }

  /** What the next Web Connector session would do, from the database alone (no QuickBooks, no Bitrix24 calls). */
  async dryRun(): Promise<{ at: string; pending: PendingGroup[]; inFlight: number; reads: WatermarkRead[] }> {
    const now = this.clock.now();
    const [pending, inFlight, marks] = await Promise.all([this.outbox.pendingGroups(now), this.outbox.countByStatus('in_flight'), this.history.watermarks()]);
    const byKey = new Map(marks.map((w) => [w.key, w]));
    const known = [...QB_SYNC_ENTITIES.map((e) => `qb:${e}`), ...B24_SYNC_ENTITIES.map((e) => `b24:${e}`)];
    const keys = [...known, ...marks.map((w) => w.key).filter((k) => !known.includes(k))];
    const reads = keys.map((key): WatermarkRead => {
      const w = byKey.get(key);
      const [prefix = '', ...rest] = key.split(':');
      return {
        key,
        system: prefix === 'qb' || prefix === 'b24' ? prefix : 'other',
        entity: rest.join(':'),
        modifiedSince: w?.modifiedSince?.toISOString() ?? null,
        deletedSince: w?.deletedSince?.toISOString() ?? null,
      };
    });
    return { at: now.toISOString(), pending, inFlight, reads };
  }
}

/** The command's result, or the AdminError (404/409) the operator sees when it changed nothing. */
function accepted<T>(r: OutboxCommandResult<T>): T {
  if (!r.ok) throw new AdminError(r.reason, r.message);
  return r.value;
}
