import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { withCollisionSuffix, type StoredErrorCode } from '@qb-b24/sync-core';
import type { QbxmlRequest, QbxmlResponse } from '@qb-b24/qbxml';
import { CLOCK, type Clock } from '../common/clock.js';
import { IdMappingService } from '../mapping/id-mapping.service.js';
import { CustomFieldWrites, hasCustomFields, inCustomFieldRound, CF_READ } from './custom-field-writes.js';
import type { OutboxEntity } from './outbox.entity.js';
import { OutboxRepository, type OutboxPayload } from './outbox.repository.js';
import type { OutboxRowOps, QbLink, QbWritePart, WriteContext } from './qb-write-part.js';
import type { QbWriteDispatcher, WriteBatch } from './qb-write-dispatcher.js';
import { StrategyRegistry } from './strategy-registry.js';
import { SyncJournalRepository } from './sync-journal.repository.js';

const BATCH = 50;
const MAX_ATTEMPTS = 8;
/** Operations that read the record back before anything is written. */
const READS = new Set(['refresh', 'reread', 'verify', 'lookup']);

/**
 * Hands queued Bitrix24 changes to QuickBooks and applies the answers, following the qbXML library's
 * classification: record in use → retry later with backoff; stale EditSequence (3200) → re-read, then the
 * entity decides (merge, or park as a conflict); name in use (3100) → look the name up (it may be our own
 * earlier Add whose answer was lost); anything else → dead letter with QuickBooks' message. What the
 * request holds and what a found record means belong to the entity's strategy (QbWritePart).
 * One bad record never blocks the others (continueOnError, one row per record).
 */
@Injectable()
export class OutboxDispatcherService implements QbWriteDispatcher {
  private readonly logger = new Logger(OutboxDispatcherService.name);
  private readonly ops: OutboxRowOps = {
    retry: (...a) => this.retry(...a),
    dead: (row, code, message) => this.dead(row, code, message),
    linkDone: (row, p, link, how) => this.linkDone(row, p, link, how),
    again: (row, p) => this.again(row, p),
    park: (row, message) => this.park(row, message),
  };
  private readonly customFields: CustomFieldWrites;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly mappings: IdMappingService,
    private readonly journal: SyncJournalRepository,
    private readonly registry: StrategyRegistry,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.customFields = new CustomFieldWrites(outbox, mappings, journal, clock, db);
  }

  hasPending(): Promise<boolean> {
    return this.outbox.hasPending(this.clock.now());
  }

  async nextBatch(ticketHash: string, prefix: string): Promise<WriteBatch | null> {
    const now = this.clock.now();
    const rows = await this.outbox.due(now, BATCH);
    const built: { row: OutboxEntity; request: QbxmlRequest }[] = [];
    for (const row of rows) {
      try {
        const request = await this.requestFor(row, `${prefix}-o${row.id}`);
        if (request) built.push({ row, request });
      } catch (err) {
        await this.dead(row, 'UNBUILDABLE', `The change cannot be turned into a QuickBooks request: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    // Building reads other tables and awaits: a row may have changed meanwhile, and only the rows still as read go.
    const claimed = await this.outbox.claim(
      built.map((b) => b.row),
      ticketHash,
      now,
    );
    const sent = built.filter((b) => claimed.has(b.row.id));
    if (sent.length < built.length)
      this.logger.log({
        event: 'outbox.changed_while_built',
        rows: built.length - sent.length,
        action: 'none: a row changed since it was read goes out as it now is; a row another session took stays with that session',
      });
    // Nothing to send from these rows (each dead, deferred or changed since it was read): the rows due now. It ends:
    // a row built and not claimed changed after it was read, and is read again as it now is.
    if (sent.length === 0) return rows.length > 0 ? this.nextBatch(ticketHash, prefix) : null;
    return { requests: sent.map((b) => b.request), outboxIds: sent.map((b) => b.row.id) };
  }

  async applyResponses(_ticketHash: string, runId: number, outboxIds: readonly number[], responses: readonly QbxmlResponse[]): Promise<void> {
    // requestIDs end in `-o<outbox id>` (nextBatch), which is how each answer finds its row.
    const byRow = new Map<number, QbxmlResponse>();
    for (const r of responses) {
      const id = /-o(\d+)$/.exec(r.requestID ?? '')?.[1];
      if (id !== undefined) byRow.set(Number(id), r);
    }
    for (const row of await this.outbox.byIds(outboxIds)) {
      const response = byRow.get(row.id);
      if (!response) {
        await this.retry(row, 'NO_ANSWER', 'QuickBooks did not answer this request', 'verify');
        continue;
      }
      try {
        await this.apply(row, response, runId);
      } catch (err) {
        await this.retry(row, 'APPLY_FAILED', err instanceof Error ? err.message : String(err), row.operation);
      }
    }
  }

  async parkInFlight(_ticketHash: string, outboxIds: readonly number[], code: StoredErrorCode, message: string): Promise<void> {
    for (const row of await this.outbox.byIds(outboxIds)) await this.dead(row, code, message);
  }

  async releaseInFlight(ticketHash: string, reason: string): Promise<void> {
    const n = await this.outbox.releaseInFlight(ticketHash, reason, this.clock.now());
    if (n > 0) this.logger.warn({ event: 'outbox.released', rows: n, reason, action: 'each is looked up in QuickBooks before it is written again' });
  }

  private part(row: OutboxEntity): QbWritePart {
    const part = this.registry.writePartFor(row.qbEntity);
    if (!part) throw new Error(`no strategy writes QuickBooks ${row.qbEntity} records`);
    return part;
  }

  private async context(row: OutboxEntity, part: QbWritePart, runId: number): Promise<WriteContext> {
    const payload = JSON.parse(row.payloadJson) as OutboxPayload;
    const mapping = (await this.mappings.findByB24Id(row.b24Entity, row.b24Id)).find((m) => m.qbEntity === row.qbEntity && m.status !== 'deleted');
    const raw = String(payload.desired['name'] ?? '');
    const name = payload.nameSuffix ? withCollisionSuffix(raw, `B24 ${row.b24Id}`, part.nameMaxLength) : raw;
    return { row, payload, mapping, name, ops: this.ops, runId };
  }

  private async requestFor(row: OutboxEntity, requestID: string): Promise<QbxmlRequest | null> {
    const part = this.part(row);
    const ctx = await this.context(row, part, 0);
    const { mapping } = ctx;
    if (inCustomFieldRound(row)) return this.customFields.request(ctx, part, requestID);
    // Whatever may already be in QuickBooks is read first: after a lost answer (verify), a 3200 (reread), a
    // 3100 (lookup), an operator's "QuickBooks wins" (refresh), or a mapping without an EditSequence to Mod.
    if (READS.has(row.operation) || (mapping && !mapping.qbEditSequence)) {
      if (part.readRequest) return part.readRequest(ctx, requestID);
      const by = mapping && row.operation !== 'lookup' ? { ListID: [mapping.qbId] } : { FullName: [ctx.name] };
      // Transaction parts bring readRequest; list parts are read back by ListID or name.
      if (part.queryKind !== 'CustomerQuery' && part.queryKind !== 'ItemQuery') throw new Error(`${part.queryKind} needs the part's readRequest`);
      return { kind: part.queryKind, requestID, ...by };
    }
    return part.buildWrite(ctx, requestID);
  }

  private async apply(row: OutboxEntity, r: QbxmlResponse, runId: number): Promise<void> {
    const part = this.part(row);
    const ctx = await this.context(row, part, runId);
    if (inCustomFieldRound(row)) return this.customFields.apply(ctx, part, r);
    const found = r.rets.length > 0;
    if (r.kind === part.queryKind) {
      if (found) return part.applyRead(ctx, r);
      if (r.action !== 'no-match' && r.action !== 'ok') return this.retry(row, `QB_${r.statusCode}`, r.operatorMessage, row.operation);
      // Not in QuickBooks: the earlier write never landed (verify) or the name is taken by another kind of list.
      if (row.operation === 'lookup')
        return this.retry(row, 'NAME_TAKEN', 'the name is used by another QuickBooks list; adding with a suffix', 'upsert', true, { nameSuffix: true });
      return this.retry(row, 'NOT_FOUND', 'not found in QuickBooks; writing it', 'upsert', true);
    }
    if (r.action === 'ok' && found) return part.applyWritten(ctx, r);
    switch (r.action) {
      case 'retry-later':
        return this.retry(row, `QB_${r.statusCode}`, r.operatorMessage, row.operation);
      case 're-read-and-retry':
        return this.retry(row, `QB_${r.statusCode}`, r.operatorMessage, 'reread', true);
      case 'fix-data':
        if (r.statusCode === 3100) return this.retry(row, 'QB_3100', r.operatorMessage, 'lookup', true);
        return this.dead(row, `QB_${r.statusCode}`, r.operatorMessage);
      default:
        return this.dead(row, `QB_${r.statusCode}`, r.operatorMessage);
    }
  }

  /**
   * The link, the row's "done" and the journal line commit together: a crash leaves all three or none. A row with
   * custom fields to write is not done yet: it goes on to its custom-field round (custom-field-writes.ts).
   */
  private async linkDone(row: OutboxEntity, p: OutboxPayload, link: QbLink, how: string): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      await this.linkDoneIn(tx, row, p, link, how, now);
    });
    this.logger.log({ event: 'outbox.done', outboxId: row.id, b24Entity: row.b24Entity, b24Id: row.b24Id, qbId: link.qbId, how });
  }

  private async linkDoneIn(tx: EntityManager, row: OutboxEntity, p: OutboxPayload, link: QbLink, how: string, now: Date): Promise<void> {
    await this.mappings.link(
      [
        {
          qbEntity: row.qbEntity,
          qbId: link.qbId,
          b24Entity: row.b24Entity,
          b24Id: row.b24Id,
          qbEditSequence: link.qbEditSequence,
          // After a merge QuickBooks holds values Bitrix24 does not: no hash, so the next read updates Bitrix24.
          b24Hash: p.merged ? null : p.b24Hash,
          qbHash: link.qbHash,
          baseJson: link.baseJson,
        },
      ],
      now,
      tx,
    );
    const done = hasCustomFields(p) ? { status: 'pending' as const, operation: CF_READ, notBefore: now } : { status: 'done' as const };
    await this.outbox.update(row.id, { ...done, qbId: link.qbId, ticketHash: null, lastError: null, lastErrorCode: null, updatedAt: now }, tx);
    await this.journal.log(
      [{ direction: 'b24->qb', action: how, b24Entity: row.b24Entity, b24Id: row.b24Id, qbEntity: row.qbEntity, qbId: link.qbId }],
      now,
      tx,
    );
  }

  private async again(row: OutboxEntity, payload?: OutboxPayload): Promise<void> {
    await this.outbox.update(row.id, {
      ...(payload ? { payloadJson: JSON.stringify(payload) } : {}),
      operation: 'upsert',
      status: 'pending',
      ticketHash: null,
      updatedAt: this.clock.now(),
    });
  }

  private async park(row: OutboxEntity, message: string): Promise<void> {
    await this.outbox.update(row.id, { status: 'conflict', ticketHash: null, lastErrorCode: 'QB_3200', lastError: message, updatedAt: this.clock.now() });
  }

  private async retry(
    row: OutboxEntity,
    code: StoredErrorCode,
    message: string,
    operation: string,
    immediate = false,
    patch: Partial<OutboxPayload> = {},
  ): Promise<void> {
    const attempts = row.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) return this.dead(row, code, `${message} (gave up after ${attempts} attempts)`);
    const now = this.clock.now();
    const delayMs = immediate ? 0 : Math.min(3600_000, 30_000 * 2 ** (attempts - 1));
    await this.outbox.update(row.id, {
      status: 'pending',
      operation,
      attempts,
      notBefore: new Date(now.getTime() + delayMs),
      ticketHash: null,
      lastError: message,
      lastErrorCode: code,
      ...(Object.keys(patch).length > 0 ? { payloadJson: JSON.stringify({ ...(JSON.parse(row.payloadJson) as OutboxPayload), ...patch }) } : {}),
      updatedAt: now,
    });
    if (!immediate) this.logger.warn({ event: 'outbox.retry', outboxId: row.id, code, message, retryInMs: delayMs });
  }

  private async dead(row: OutboxEntity, code: StoredErrorCode, message: string): Promise<void> {
    const now = this.clock.now();
    await this.outbox.update(row.id, { status: 'dead', ticketHash: null, lastError: message, lastErrorCode: code, updatedAt: now });
    await this.journal.error({ source: 'b24->qb', entity: row.b24Entity, recordId: row.b24Id, code, message }, now);
    this.logger.error({
      event: 'outbox.dead_letter',
      outboxId: row.id,
      b24Entity: row.b24Entity,
      b24Id: row.b24Id,
      code,
      message,
      action: `fix the record, then POST /admin/queue/${row.id}/requeue`,
    });
  }
}
