import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { TurnBatch } from '../common/turn-batch.js';
import { RawSql, type SqlValue } from '../database/raw-sql.js';
import { B24_EVENT_STATUSES, B24EventEntity, type B24EventStatus } from './b24-event.entity.js';
import { eventFromRow, MARK_PROCESSED, PENDING, STORE_UNLESS_WAITING } from './b24-event.sql.js';
import type { B24EventCount } from './b24-event.type.js';
import { b24EventDedupeKey, type B24EventAction, type B24EventEntityType } from './b24-event-name.js';

export interface NewB24Event {
  /** Upper-cased event name. */
  readonly event: string;
  readonly b24Entity: B24EventEntityType;
  readonly b24Id: string;
  readonly action: B24EventAction;
  /** The `ts` field Bitrix24 sent (unix seconds, as a string), or null when absent. */
  readonly ts: string | null;
}

/** How one stored event was handled. */
export interface B24EventOutcome {
  readonly id: number;
  readonly status: Exclude<B24EventStatus, 'pending'>;
  readonly note?: string;
}

/**
 * The inbox of Bitrix24 outbound events: stored before the webhook answers, processed afterwards by the
 * sync engine (STYLE §2.8). Bitrix24 never re-sends an event (reference/bitrix24.md §7.4), so the row is
 * the only durable trace of the change. Storing, listing and marking events are fixed SQL prepared once
 * (database/raw-sql.ts, b24-event.sql.ts): they run for every webhook and every event the worker handles, on the
 * event loop the Web Connector calls share (issue 14). The dashboard's counts stay TypeORM.
 */
@Injectable()
export class B24EventInboxRepository {
  private readonly sql: RawSql;
  /** SQLite: the webhooks answered in one turn of the event loop share one synced commit (TurnBatch). */
  private readonly stores: TurnBatch<readonly SqlValue[], number>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.sql = new RawSql(db);
    this.stores = new TurnBatch(
      (lists) => this.sql.runEachCounted(STORE_UNLESS_WAITING, lists),
      (params) => this.sql.run(STORE_UNLESS_WAITING, params),
    );
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(B24EventEntity);
  }

  /**
   * Stores the event unless the same (event, entity, id, ts) is still waiting: then it is a duplicate delivery, and
   * the waiting row reads the record's current state anyway. Once that row is processed, the same key is a
   * new edit (Bitrix24's ts has one-second resolution) and is stored again; at worst a late duplicate costs
   * one read that finds nothing changed. Two identical deliveries racing past the check both land, which is
   * equally harmless.
   *
   * On SQLite, outside a transaction, the events stored in one turn of the event loop are written in one synced
   * commit after it (TurnBatch), in the order they came, each resolving once it is on disk: a burst of deliveries
   * costs one wait for the disk instead of one each. Two identical deliveries in one batch: the second is a duplicate,
   * as it would be one after the other. On PostgreSQL each is its own insert (no event loop is held meanwhile).
   */
  async store(e: NewB24Event, tx?: EntityManager): Promise<'queued' | 'duplicate'> {
    const dedupeKey = b24EventDedupeKey(e.event, e.b24Entity, e.b24Id, e.ts);
    const receivedAt = this.clock.now().getTime();
    const params = [dedupeKey, e.event, e.b24Entity, e.b24Id, e.action, e.ts, receivedAt, dedupeKey];
    const stored = tx || !this.sql.singleProcess ? await this.sql.run(STORE_UNLESS_WAITING, params, tx) : await this.stores.add(params);
    return stored > 0 ? 'queued' : 'duplicate';
  }

  /** Unprocessed events, oldest first. */
  async pending(limit: number, tx?: EntityManager): Promise<B24EventEntity[]> {
    return (await this.sql.all(PENDING, [limit], tx)).map(eventFromRow);
  }

  /**
   * Marks a batch of handled events in one transaction: the worker handles up to a page of events at once, and one
   * synced commit per event held the event loop, and every Web Connector call waiting on it, about 0.2 ms each.
   */
  async markEachProcessed(outcomes: readonly B24EventOutcome[], tx?: EntityManager): Promise<void> {
    const at = this.clock.now().getTime();
    await this.sql.runEach(
      MARK_PROCESSED,
      outcomes.map((o) => [o.status, o.note ?? null, at, o.id]),
      tx,
    );
  }

  async countByStatus(): Promise<Record<B24EventStatus, number>> {
    const rows = await this.repo()
      .createQueryBuilder('e')
      .select('e.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('e.status')
      .getRawMany<{ status: string; n: string | number }>();
    const counts: Record<B24EventStatus, number> = { pending: 0, processed: 0, ignored: 0, skipped: 0, failed: 0 };
    for (const r of rows) {
      const status = B24_EVENT_STATUSES.find((s) => s === r.status);
      if (status) counts[status] = Number(r.n);
    }
    return counts;
  }

  /** Every event received for one Bitrix24 record, newest first (a record's history). */
  forRecord(b24Entity: string, b24Id: string, tx?: EntityManager): Promise<B24EventEntity[]> {
    return this.repo(tx).find({ where: { b24Entity, b24Id }, order: { receivedAt: 'DESC', id: 'DESC' } });
  }

  /** Distinct Bitrix24 records the toQuickBooks filter kept out, per entity (a record edited ten times counts once). */
  async skippedRecordsByEntity(): Promise<Record<string, number>> {
    const rows = await this.repo()
      .createQueryBuilder('e')
      .select('e.b24Entity', 'b24Entity')
      .addSelect('COUNT(DISTINCT e.b24Id)', 'n')
      .where('e.status = :status', { status: 'skipped' })
      .groupBy('e.b24Entity')
      .getRawMany<{ b24Entity: string; n: string | number }>();
    return Object.fromEntries(rows.map((r) => [r.b24Entity, Number(r.n)]));
  }

  /** When the last event delivered by Bitrix24 itself arrived (the poller's `POLL` rows are not deliveries). */
  async lastDeliveredAt(): Promise<Date | null> {
    const row = await this.repo().findOne({ where: { event: Not('POLL') }, order: { id: 'DESC' } });
    return row?.receivedAt ?? null;
  }

  async countsByStatusAndEntity(): Promise<B24EventCount[]> {
    const rows = await this.repo()
      .createQueryBuilder('e')
      .select('e.status', 'status')
      .addSelect('e.b24Entity', 'b24Entity')
      .addSelect('COUNT(*)', 'n')
      .groupBy('e.status')
      .addGroupBy('e.b24Entity')
      .getRawMany<{ status: B24EventStatus; b24Entity: string; n: string | number }>();
    return rows.map((r) => ({ status: r.status, b24Entity: r.b24Entity, count: Number(r.n) }));
  }
}
