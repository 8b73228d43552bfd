import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { DataExtStep } from '@qb-b24/sync-core';
import { RawSql } from '../database/raw-sql.js';
import { OutboxEntity, type OutboxStatus } from './outbox.entity.js';

export interface OutboxPayload {
  readonly kind: 'customer' | 'item' | 'salesOrder' | 'invoice';
  /** CustomerDesired or ItemDesired as mapped from the Bitrix24 record. */
  readonly desired: Record<string, unknown>;
  /** Fingerprint of the Bitrix24 record the desired values came from (echo suppression). */
  readonly b24Hash: string;
  /** Set after a name collision (3100): the name gets a " (B24 id)" suffix. */
  readonly nameSuffix?: boolean;
  /** Set by an operator resolving a conflict. */
  readonly resolution?: 'qb' | 'b24';
  /** The values were merged with QuickBooks' own changes, so Bitrix24 must be brought up to date too. */
  readonly merged?: boolean;
  /**
   * Set with the merge result: `desired.name` is already settled against QuickBooks (decideCustomerName),
   * and Name is sent ('send') or left out ('keep'). Absent: settled when the request is built.
   */
  readonly nameDecision?: 'send' | 'keep';
  /**
   * The QuickBooks custom-field values the Bitrix24 record wants (DataExtName → text, '' = remove), written after the
   * record's own Add/Mod succeeded (operation `cf-read` / `cf-write`, custom-field-writes.ts).
   */
  readonly customFields?: Readonly<Record<string, string>>;
  /** The custom-field write in flight (set by the read that found it needed). */
  readonly cfStep?: DataExtStep;
  /** Custom fields written once already in this round; not tried again (custom-field-writes.ts). */
  readonly cfWritten?: readonly string[];
  /**
   * A won deal's company or contact that is not yet a QuickBooks customer: its customer write is queued before this
   * row (B24EventProcessorService), and this row is deferred until the customer is linked (DealQbWriter.buildWrite).
   */
  readonly waitsFor?: { readonly b24Entity: 'company' | 'contact'; readonly b24Id: string };
}

/**
 * The rows a session held, back to the queue: `verify` (QuickBooks may have applied them, so the next attempt looks
 * the record up first), `refresh` stays `refresh`, a custom-field step becomes `cf-read`.
 */
const RELEASE_IN_FLIGHT = `UPDATE "outbox" SET "status" = 'pending', "ticketHash" = NULL, "operation" = CASE WHEN "operation" = 'refresh' THEN 'refresh' WHEN "operation" LIKE 'cf-%' THEN 'cf-read' ELSE 'verify' END, "lastError" = ?, "updatedAt" = ? WHERE "status" = 'in_flight' AND "ticketHash" = ?`;

/** A due row handed to a session, unless it changed since it was read (OutboxRepository.claim). */
const CLAIM = `UPDATE "outbox" SET "status" = 'in_flight', "ticketHash" = ?, "updatedAt" = ? WHERE "id" = ? AND "status" = 'pending' AND "idempotencyKey" = ? AND "operation" = ?`;

/**
 * A newer change of a record into its pending row (the newest values win), only while the row is still pending: a
 * row handed to a session meanwhile keeps the change it was built from, so QuickBooks' answer is applied to the values
 * it was sent (OutboxDispatcherService.linkDone records the row's hash). A row in its custom-field round has its record
 * written already: the newer values need the record's Mod again.
 */
const COALESCE = `UPDATE "outbox" SET "payloadJson" = ?, "idempotencyKey" = ?, "operation" = CASE WHEN "operation" IN ('cf-read', 'cf-write') THEN 'upsert' ELSE "operation" END, "updatedAt" = ? WHERE "id" = ? AND "status" = 'pending'`;
const COALESCE_ATTEMPTS = 3;

/** An older row's key, freed for a change that brings its values back: the row keeps its history under `<key>~<id>`. */
const RETIRE_KEY = `UPDATE "outbox" SET "idempotencyKey" = "idempotencyKey" || '~' || "id" WHERE "idempotencyKey" = ?`;

/** The durable queue toward QuickBooks. */
@Injectable()
export class OutboxRepository {
  private readonly sql: RawSql;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.sql = new RawSql(db);
  }

  private repo(tx?: EntityManager) {
    return (tx ?? this.db.manager).getRepository(OutboxEntity);
  }

  /**
   * Queues the latest wanted state of one Bitrix24 record. Ten edits before the next session coalesce into
   * the one pending row (the newest values win); a row already handed to QuickBooks is left alone and a new
   * one waits behind it. Returns what happened.
   */
  async enqueue(
    row: { b24Entity: string; b24Id: string; qbEntity: string; payload: OutboxPayload; idempotencyKey: string },
    now: Date,
    tx?: EntityManager,
  ): Promise<'queued' | 'coalesced' | 'duplicate'> {
    const repo = this.repo(tx);
    // The same change delivered again (a webhook retried, an event and a poll of one edit) is the record's newest row.
    // An older row with the same values is not: the record changed since and came back (an edit undone), and QuickBooks
    // must get it again, whatever that older row's state. Its key is retired (the key is unique), its row kept.
    const newest = await repo.findOne({
      select: { id: true, idempotencyKey: true },
      where: { b24Entity: row.b24Entity, b24Id: row.b24Id },
      order: { id: 'DESC' },
    });
    if (newest?.idempotencyKey === row.idempotencyKey) return 'duplicate';
    await this.sql.run(RETIRE_KEY, [row.idempotencyKey], tx);
    const payloadJson = JSON.stringify(row.payload);
    // The pending row read here may be handed to a session before the write below (a Web Connector call runs between
    // two awaits, or in another process): the write then changes nothing, and the row is read again. Each miss means
    // a row left the queue, so this ends; the bound only guards against a fault.
    for (let attempt = 0; attempt < COALESCE_ATTEMPTS; attempt += 1) {
      const pending = await repo.findOne({ where: { b24Entity: row.b24Entity, b24Id: row.b24Id, status: 'pending' }, order: { id: 'ASC' } });
      if (!pending) break;
      if ((await this.sql.run(COALESCE, [payloadJson, row.idempotencyKey, now.getTime(), pending.id], tx)) === 1) return 'coalesced';
    }
    await repo.insert({
      idempotencyKey: row.idempotencyKey,
      b24Entity: row.b24Entity,
      b24Id: row.b24Id,
      qbEntity: row.qbEntity,
      qbId: null,
      operation: 'upsert',
      payloadJson,
      status: 'pending',
      attempts: 0,
      notBefore: now,
      ticketHash: null,
      lastError: null,
      lastErrorCode: null,
      createdAt: now,
      updatedAt: now,
    });
    return 'queued';
  }

  /** Due rows, oldest first, at most one per Bitrix24 record (a record's writes stay in order). */
  async due(now: Date, limit: number): Promise<OutboxEntity[]> {
    const rows = await this.repo().find({ where: { status: 'pending', notBefore: LessThanOrEqual(now) }, order: { id: 'ASC' }, take: limit * 3 });
    // Nothing due (most sessions): the rows in flight need not be read.
    if (rows.length === 0) return [];
    const busy = new Set((await this.repo().findBy({ status: 'in_flight' })).map((r) => `${r.b24Entity}:${r.b24Id}`));
    const out: OutboxEntity[] = [];
    for (const r of rows) {
      const key = `${r.b24Entity}:${r.b24Id}`;
      if (busy.has(key)) continue;
      busy.add(key);
      out.push(r);
      if (out.length >= limit) break;
    }
    return out;
  }

  async hasPending(now: Date): Promise<boolean> {
    return this.repo().existsBy({ status: 'pending', notBefore: LessThanOrEqual(now) });
  }

  /**
   * Hands rows to a session, each only if it is still as `due` read it: pending, with the same queued change
   * (idempotencyKey, which a coalescing `enqueue` replaces) and the same step (operation). A row changed in between
   * (a newer Bitrix24 change coalesced into it by the event processor, which runs beside the session; or a row
   * another session claimed) is left alone and goes out as it now is, so a request built from its older values is
   * never sent. Returns the ids claimed. One commit for all of them.
   */
  async claim(rows: readonly Pick<OutboxEntity, 'id' | 'idempotencyKey' | 'operation'>[], ticketHash: string, now: Date): Promise<Set<number>> {
    const counts = await this.sql.runEachCounted(
      CLAIM,
      rows.map((r) => [ticketHash, now.getTime(), r.id, r.idempotencyKey, r.operation]),
    );
    return new Set(rows.filter((_, i) => counts[i] === 1).map((r) => r.id));
  }

  byIds(ids: readonly number[]): Promise<OutboxEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo().findBy({ id: In([...ids]) });
  }

  async update(id: number, changes: Partial<OutboxEntity>, tx?: EntityManager): Promise<void> {
    await this.repo(tx).update({ id }, changes);
  }

  /**
   * Rows a session held when it ended without an answer go back to the queue marked 'verify': QuickBooks
   * may have applied them, so the next attempt looks the record up before writing again.
   */
  async releaseInFlight(ticketHash: string, reason: string, now: Date): Promise<number> {
    // One fixed statement, run at the end of every session (usually changing nothing): it was a read and one update
    // per row. A lost custom-field write is read again too: the read decides whether it landed (custom-field-writes.ts).
    return this.sql.run(RELEASE_IN_FLIGHT, [reason, now.getTime(), ticketHash]);
  }

  countByStatus(status: OutboxStatus): Promise<number> {
    return this.repo().countBy({ status });
  }

  findById(id: number, tx?: EntityManager): Promise<OutboxEntity | null> {
    return this.repo(tx).findOneBy({ id });
  }

  allWithStatus(status: OutboxStatus, tx?: EntityManager): Promise<OutboxEntity[]> {
    return this.repo(tx).find({ where: { status }, order: { id: 'ASC' } });
  }

  /**
   * Applies `changes` only if the row is still in `expected` status, so a session that picked the row
   * up meanwhile is not overridden. Returns whether the row changed.
   */
  async updateIfStatus(id: number, expected: OutboxStatus, changes: Partial<OutboxEntity>, tx: EntityManager): Promise<boolean> {
    const res = await this.repo(tx).update({ id, status: expected }, changes);
    return (res.affected ?? 0) > 0;
  }
}
