import { Inject, Injectable, Logger } from '@nestjs/common';
import { Bitrix24Error, type Bitrix24Client, type BatchCommand } from '@qb-b24/bitrix24-client';
import { DEFAULT_MAPPING_OPTIONS } from '@qb-b24/sync-core';
import { B24EventInboxService } from '../bitrix/b24-event-inbox.service.js';
import type { B24Event } from '../bitrix/b24-event.type.js';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { GIVE_WAY_MAX_MS, WebConnectorCalls } from '../common/web-connector-calls.js';
import { yieldToEventLoop } from '../common/yield-to-event-loop.js';
import { OutboxQueryRepository } from './outbox-query.repository.js';
import { OutboxRepository, type OutboxPayload } from './outbox.repository.js';
import type { B24Record, DecideContext, QueueDecision } from './qb-write-part.js';
import { StrategyRegistry } from './strategy-registry.js';
import { StagedPageRepository } from './staged-page.repository.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { UserFieldContextService } from './user-field-context.service.js';
import { WatermarkRepository } from './watermark.repository.js';

/** A Bitrix24 record we created from QuickBooks carries our ORIGINATOR_ID (contacts, companies, deals) or XML_ID QB_… (products). Pure. */
export function cameFromQuickBooks(record: Readonly<Record<string, unknown>>): boolean {
  return String(record['ORIGINATOR_ID'] ?? '') === DEFAULT_MAPPING_OPTIONS.originatorId || /^QB_/.test(String(record['XML_ID'] ?? ''));
}

type Outcome = { status: 'processed' | 'ignored' | 'skipped' | 'failed'; note: string };

/**
 * Turns stored Bitrix24 events into queued QuickBooks writes. Events carry only an ID, so the record is
 * fetched (one batch for all pending events); an event caused by our own write is recognised because the
 * record's fingerprint equals what we wrote, and records that came from QuickBooks are never added back.
 */
@Injectable()
export class B24EventProcessorService {
  private readonly logger = new Logger(B24EventProcessorService.name);
  private running: Promise<number> | null = null;

  constructor(
    private readonly connection: Bitrix24Connection,
    private readonly inbox: B24EventInboxService,
    private readonly outbox: OutboxRepository,
    private readonly registry: StrategyRegistry,
    private readonly journal: SyncJournalRepository,
    private readonly watermarks: WatermarkRepository,
    private readonly staged: StagedPageRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly userFields: UserFieldContextService,
    private readonly calls: WebConnectorCalls,
    private readonly queue: OutboxQueryRepository,
  ) {}

  /** Read on every use: the setup page can connect Bitrix24 while the service runs. */
  private get client(): Bitrix24Client | null {
    return this.connection.client;
  }

  /** Processes everything pending; concurrent callers share one run. Returns events handled. */
  processPending(): Promise<number> {
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<number> {
    // Until QuickBooks has been imported once, a Bitrix24 contact cannot be told apart from the QuickBooks
    // customer it will be matched to; sending it now would create that customer twice. Events wait. The watermark
    // row says the kind was read once (an empty kind has a row but no time: qb-page-stager.ts finishRead).
    for (const kind of this.registry.writtenKinds) {
      if (!(await this.watermarks.get(`qb:${kind}`))) return 0;
    }
    // The watermark moves when a page is staged, before Bitrix24 has it: while QuickBooks records still wait for
    // Bitrix24, a Bitrix24 record may be the very one they will be matched to. Events wait for the worker.
    if (!(await this.staged.isEmpty())) return 0;
    let handled = 0;
    for (;;) {
      const events = await this.inbox.pending(100);
      if (events.length === 0) return handled;
      await this.processBatch(events);
      handled += events.length;
    }
  }

  private async processBatch(events: readonly B24Event[]): Promise<void> {
    const client = this.client;
    const outcomes = new Map<number, Outcome>();
    // One fetch per record, whatever the number of events for it (ten edits → one read → one queued write).
    const records = new Map<string, B24Event[]>();
    for (const e of events) {
      if (!this.registry.writePartForB24(e.b24Entity)) outcomes.set(e.id, { status: 'ignored', note: `${e.b24Entity}s are read-only toward QuickBooks` });
      else if (e.action === 'delete')
        outcomes.set(e.id, { status: 'ignored', note: 'deletions in Bitrix24 are not applied to QuickBooks (accounting records are kept)' });
      else if (!client) outcomes.set(e.id, { status: 'failed', note: 'Bitrix24 is not configured' });
      else records.set(`${e.b24Entity}:${e.b24Id}`, [...(records.get(`${e.b24Entity}:${e.b24Id}`) ?? []), e]);
    }
    if (client && records.size > 0) {
      const cmds: Record<string, BatchCommand> = {};
      let i = 0;
      const keys = new Map<string, string>();
      for (const key of records.keys()) {
        const [entity, id] = key.split(':');
        cmds[`g${i}`] = { method: `crm.${entity}.get`, params: { id: id ?? '' } };
        keys.set(key, `g${i}`);
        i += 1;
      }
      const res = await client.batch(cmds);
      for (const [key, evs] of records) {
        const cmd = keys.get(key) ?? '';
        const err = res.errors.get(cmd);
        const record = res.results.get(cmd);
        let outcome: Outcome;
        if (err?.code === 'NOT_FOUND') outcome = { status: 'ignored', note: 'record no longer exists in Bitrix24' };
        else if (err || typeof record !== 'object' || record === null) outcome = { status: 'failed', note: err?.message ?? 'no record returned' };
        else outcome = await this.queueFor(evs[0]?.b24Entity ?? '', record);
        for (const e of evs) outcomes.set(e.id, outcome);
        // Deciding a record is database work only (better-sqlite3 is synchronous): a batch of 100 held the event loop,
        // and every Web Connector call with it, for 100-200 ms (issue 14). Waiting calls are answered between records.
        await yieldToEventLoop();
        // And Web Connector calls being answered go first (WebConnectorCalls), for a bounded time.
        await this.calls.quiet(GIVE_WAY_MAX_MS);
      }
    }
    // One commit for the whole batch (B24EventInboxRepository.markEachProcessed).
    await this.inbox.markEachProcessed(events.map((e) => ({ id: e.id, ...(outcomes.get(e.id) ?? { status: 'failed' as const, note: 'not processed' }) })));
  }

  private async queueFor(entity: string, raw: object): Promise<Outcome> {
    // Legacy CRM records are bags of optional vendor-named fields; like the client's own `get`, we require
    // an ID and let the entity's part read the rest defensively.
    if (!('ID' in raw) || (typeof raw.ID !== 'string' && typeof raw.ID !== 'number')) return { status: 'failed', note: 'record without ID' };
    const record: B24Record = { ...raw, ID: raw.ID };
    const part = this.registry.writePartForB24(entity);
    if (!part) return { status: 'ignored', note: `${entity}s are read-only toward QuickBooks` };
    const id = String(record.ID);
    const decision = await part.decide(entity, id, record, await this.seen(entity, id, record));
    if (!decision.queue) return { status: decision.skipped === true ? 'skipped' : 'ignored', note: decision.note };
    const waitsFor = decision.payload.waitsFor;
    if (waitsFor !== undefined) {
      const refused = await this.queueNeeded(waitsFor, `${entity} ${id}`);
      if (refused !== undefined) {
        const message = `${entity} ${id} cannot go to QuickBooks: its ${waitsFor.b24Entity} ${waitsFor.b24Id} cannot be added as its customer (${refused})`;
        await this.journal.error({ source: 'b24->qb', entity, recordId: id, code: 'DEAL_NOT_READY', message }, this.clock.now());
        return { status: 'ignored', note: message };
      }
    }
    const result = await this.enqueue(entity, id, decision);
    return { status: 'processed', note: result };
  }

  /**
   * Queues the customer write of the company or contact a won deal waits for: the very row its own event would queue,
   * except that the toQuickBooks filter does not apply (the deal needs it). Queued before the deal's row, so it is
   * handed to QuickBooks first. Returns why it cannot be queued, or undefined when it is (or already was) queued.
   */
  private async queueNeeded(waitsFor: NonNullable<OutboxPayload['waitsFor']>, neededBy: string): Promise<string | undefined> {
    const client = this.client;
    const part = this.registry.writePartForB24(waitsFor.b24Entity);
    if (!client || !part) return 'it is not written to QuickBooks';
    const raw = await client.call<unknown>(`crm.${waitsFor.b24Entity}.get`, { id: waitsFor.b24Id }).then(
      (r) => r.result,
      // A deal may still name a company deleted since; any other failure fails the event, which is tried again.
      (err: unknown) => {
        if (err instanceof Bitrix24Error && err.code === 'NOT_FOUND') return null;
        throw err;
      },
    );
    if (typeof raw !== 'object' || raw === null) return 'it no longer exists in Bitrix24';
    const record: B24Record = { ...raw, ID: waitsFor.b24Id };
    const decision = await part.decide(waitsFor.b24Entity, waitsFor.b24Id, record, {
      ...(await this.seen(waitsFor.b24Entity, waitsFor.b24Id, record)),
      neededBy,
    });
    if (!decision.queue) return decision.note;
    await this.enqueue(waitsFor.b24Entity, waitsFor.b24Id, decision);
    return undefined;
  }

  private async seen(entity: string, id: string, record: B24Record): Promise<DecideContext> {
    return { fromQuickBooks: cameFromQuickBooks(record), changeQueued: await this.queue.hasQueuedChange(entity, id) };
  }

  private async enqueue(entity: string, id: string, decision: Extract<QueueDecision, { queue: true }>): Promise<string> {
    const now = this.clock.now();
    const { payload } = decision;
    const qbEntity = payload.kind;
    const result = await this.outbox.enqueue({ b24Entity: entity, b24Id: id, qbEntity, payload, idempotencyKey: `${entity}:${id}:${payload.b24Hash}` }, now);
    await this.journal.log([{ direction: 'b24->qb', action: `queued:${result}`, b24Entity: entity, b24Id: id, qbEntity }], now);
    if (result !== 'duplicate' && decision.customFieldProblems?.length) await this.userFields.reportToQb(entity, id, decision.customFieldProblems);
    this.logger.log({ event: 'b24.change_queued', b24Entity: entity, b24Id: id, result });
    return result;
  }
}
