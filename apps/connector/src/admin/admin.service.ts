import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { B24EventInboxRepository } from '../bitrix/b24-event-inbox.repository.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingRepository } from '../mapping/id-mapping.repository.js';
import type { OutboxEntity, OutboxStatus } from '../sync/outbox.entity.js';
import { AdminError } from './admin.error.js';
import { AdminHistoryRepository } from './admin-history.repository.js';
import { AdminOutboxRepository, type PendingGroup, type RecordKey } from './admin-outbox.repository.js';
import { OutboxRowDto } from './dto/outbox-row.dto.js';
import { B24_SYNC_ENTITIES, QB_SYNC_ENTITIES, type ResyncEntity, type SyncSystem } from './sync-entities.constant.js';

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

const REQUEUEABLE: readonly OutboxStatus[] = ['dead', 'conflict'];

/** Operator actions on the queue and sync state; each mutation is one transaction with its audit row. */
@Injectable()
export class AdminService {
  private readonly logger = new Logger(AdminService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: AdminOutboxRepository,
    private readonly history: AdminHistoryRepository,
    private readonly mappings: IdMappingRepository,
    private readonly events: B24EventInboxRepository,
  ) {}

  async list(statuses: readonly OutboxStatus[], limit = DEFAULT_LIMIT): Promise<OutboxRowDto[]> {
    return (await this.outbox.listByStatus(statuses, limit)).map((r) => OutboxRowDto.from(r));
  }

  /** A dead or conflict row goes back to pending with a fresh retry budget. */
  async requeue(id: number): Promise<OutboxRowDto> {
    return this.db.transaction(async (tx) => {
      const row = await this.mustFind(id, tx);
      if (!REQUEUEABLE.includes(row.status)) {
        throw new AdminError('INVALID_STATE', `Queue row ${id} is ${row.status}; only dead or conflict rows can be requeued.`);
      }
      return this.reset(row, {}, 'requeue', `requeued from ${row.status}`, tx);
    });
  }

  async requeueAllDead(): Promise<{ requeued: number; ids: number[] }> {
    const ids = await this.db.transaction(async (tx) => {
      const dead = await this.outbox.allWithStatus('dead', tx);
      const done: number[] = [];
      for (const row of dead) {
        await this.reset(row, {}, 'requeue', 'requeued from dead (requeue-all)', tx);
        done.push(row.id);
      }
      return done;
    });
    return { requeued: ids.length, ids };
  }

  /**
   * b24 wins: the stored Bitrix24 change is applied to QuickBooks as queued. qb wins: the row becomes a
   * `refresh`, so the engine re-reads the QuickBooks record and overwrites Bitrix24 with it.
   */
  async resolveConflict(id: number, winner: SyncSystem): Promise<OutboxRowDto> {
    return this.db.transaction(async (tx) => {
      const row = await this.mustFind(id, tx);
      if (row.status !== 'conflict') throw new AdminError('INVALID_STATE', `Queue row ${id} is ${row.status}, not a conflict.`);
      const payload = parseObject(row.payloadJson);
      if (!payload) throw new AdminError('INVALID_STATE', `Queue row ${id} has a payload that is not a JSON object; requeue or delete it instead.`);
      const changes: Partial<OutboxEntity> = {
        payloadJson: JSON.stringify({ ...payload, resolution: winner }),
        ...(winner === 'qb' ? { operation: 'refresh' } : {}),
      };
      return this.reset(row, changes, 'resolve', `conflict resolved: ${winner} wins`, tx);
    });
  }

  async resync(entity: ResyncEntity, direction?: SyncSystem): Promise<{ entity: ResyncEntity; keys: string[]; reset: string[] }> {
    const keys = direction ? [`${direction}:${entity}`] : [`qb:${entity}`, `b24:${entity}`];
    const reset = await this.db.transaction(async (tx) => {
      const deleted = await this.history.deleteWatermarks(keys, tx);
      await this.history.appendAdminLog({ action: 'resync', detail: JSON.stringify({ keys, reset: deleted }) }, this.clock.now(), tx);
      return deleted;
    });
    this.logger.log({ event: 'admin.resync', entity, keys, reset });
    return { entity, keys, reset };
  }

  async mappingsPage(filter: { qbEntity?: string; b24Entity?: string }, limit = DEFAULT_LIMIT, offset = 0) {
    const [rows, total] = await this.history.findMappings(filter, limit, offset);
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
      stats: parseObject(r.statsJson) ?? {},
      error: r.error,
      startedAt: r.startedAt.toISOString(),
      finishedAt: r.finishedAt?.toISOString() ?? null,
    }));
  }

  /** Everything known about one record, across both of its ids (found through the mapping), newest first. */
  async recordHistory(system: SyncSystem, entity: string, id: string) {
    const linked = system === 'qb' ? await this.mappings.findByQbId(entity, id) : await this.mappings.findByB24Id(entity, id);
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
    const [pending, inFlight, marks] = await Promise.all([
      this.outbox.pendingGroups(now),
      this.outbox.countByStatus('in_flight'),
      this.history.watermarks(),
    ]);
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

  private async mustFind(id: number, tx: EntityManager): Promise<OutboxEntity> {
    const row = await this.outbox.findById(id, tx);
    if (!row) throw new AdminError('NOT_FOUND', `No queue row ${id}.`);
    return row;
  }

  /** Back to pending, due now, retry budget and ticket cleared; plus an audit row and a log line. */
  private async reset(row: OutboxEntity, extra: Partial<OutboxEntity>, action: string, detail: string, tx: EntityManager): Promise<OutboxRowDto> {
    const now = this.clock.now();
    const changes: Partial<OutboxEntity> = { ...extra, status: 'pending', attempts: 0, notBefore: now, ticketHash: null, updatedAt: now };
    if (!(await this.outbox.updateIfStatus(row.id, row.status, changes, tx))) {
      throw new AdminError('INVALID_STATE', `Queue row ${row.id} changed while being updated; reload and retry.`);
    }
    await this.history.appendAdminLog(
      { action, qbEntity: row.qbEntity, qbId: row.qbId, b24Entity: row.b24Entity, b24Id: row.b24Id, detail: `outbox #${row.id}: ${detail}` },
      now,
      tx,
    );
    this.logger.log({ event: `admin.${action}`, outboxId: row.id, from: row.status, qbEntity: row.qbEntity, b24Entity: row.b24Entity, b24Id: row.b24Id, detail });
    return OutboxRowDto.from({ ...row, ...changes });
  }
}

function parseObject(json: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...v } : null;
  } catch (err) {
    if (err instanceof SyntaxError) return null;
    throw err;
  }
}
