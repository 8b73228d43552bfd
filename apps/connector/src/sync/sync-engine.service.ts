import { Inject, Injectable, Logger } from '@nestjs/common';
import { buildQbxmlRequest, parseQbxmlResponse, qbLocalToUtc, type QbxmlRequest, type QbxmlResponse } from '@qb-b24/qbxml';
import { BITRIX24_CLIENT } from '../bitrix/bitrix.tokens.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { QbwcRequestProvider, QbwcResponseInput, QbwcResponseOutcome, QbwcSessionContext } from '../qbwc/qbwc-request-provider.js';
import { B24UpsertService } from './b24-upsert.service.js';
import { orderStrategies } from './order-strategies.js';
import { addStats, emptyStats, type ApplyStats } from './qb-entity.js';
import { QB_READ_STRATEGIES, type QbReadStrategy } from './qb-read-strategy.js';
import { QB_WRITE_DISPATCHER, type QbWriteDispatcher } from './qb-write-dispatcher.js';
import { currentStep, progressOf, type DeletedStep, type ReadStep, type SessionPlan, type Step } from './session-plan.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { SyncSessionRepository } from './sync-session.repository.js';
import { WatermarkRepository } from './watermark.repository.js';


/**
 * Runs a Web Connector session as a plan of steps: queued writes toward QuickBooks first, then for each
 * entity (in dependency order) an iterator over records modified since its watermark, then its deletions.
 * The plan lives in the database, so a restart mid-session resumes it; a watermark moves only after the
 * whole iteration has been applied, so a failure anywhere replays records rather than losing any.
 */
@Injectable()
export class SyncEngineService implements QbwcRequestProvider {
  private readonly logger = new Logger(SyncEngineService.name);
  private readonly strategies: QbReadStrategy[];

  constructor(
    @Inject(QB_READ_STRATEGIES) strategies: QbReadStrategy[],
    @Inject(QB_WRITE_DISPATCHER) private readonly writes: QbWriteDispatcher,
    @Inject(BITRIX24_CLIENT) private readonly b24: object | null,
    private readonly config: AppConfig,
    private readonly plans: SyncSessionRepository,
    private readonly watermarks: WatermarkRepository,
    private readonly journal: SyncJournalRepository,
    private readonly upserts: B24UpsertService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.strategies = orderStrategies(strategies);
  }

  get orderedEntities(): string[] {
    return this.strategies.map((s) => s.entity);
  }

  async hasWork(): Promise<boolean> {
    // With Bitrix24 configured every session polls QuickBooks for changes; without it only queued writes count.
    return this.b24 !== null || (await this.writes.hasPending());
  }

  async startSession(ctx: QbwcSessionContext): Promise<void> {
    const now = this.clock.now();
    const runId = await this.journal.startRun('qbwc', ctx.ticketPrefix, now);
    await this.writes.prepare(runId);
    const steps: Step[] = [{ kind: 'write', inFlight: [], sent: 0, done: false }];
    if (this.b24 !== null) {
      const marks = new Map<string, Date | null>();
      const deletedMarks = new Map<string, Date | null>();
      for (const s of this.strategies) {
        const wm = await this.watermarks.get(`qb:${s.entity}`);
        marks.set(s.entity, wm?.modifiedSince ?? null);
        deletedMarks.set(s.entity, wm?.deletedSince ?? null);
      }
      for (const s of this.strategies) {
        const modified = marks.get(s.entity);
        // QuickBooks compares FromModifiedDate in local time and is an hour off around DST changes
        // (qbxml.md §2.4): re-reading an overlap costs a few unchanged records, missing one would lose it.
        const since = modified ? modified.getTime() - this.config.sync.overlapMs : undefined;
        steps.push({ kind: 'read', entity: s.entity, firstRun: !modified, ...(since !== undefined ? { sinceMs: since } : {}), seen: 0, done: false });
      }
      for (const s of this.strategies) {
        const modified = marks.get(s.entity);
        // Nothing can be mapped before the first import, so its deletions need no reading.
        if (!modified) continue;
        const since = (deletedMarks.get(s.entity) ?? modified).getTime() - this.config.sync.overlapMs;
        steps.push({ kind: 'deleted', entity: s.entity, sinceMs: since, done: false });
      }
    }
    const plan: SessionPlan = { runId, steps, awaiting: null, seq: 0, stats: {}, errors: [] };
    await this.plans.save(ctx.ticketHash, plan, now);
    this.logger.log({ event: 'sync.session_planned', ticket: ctx.ticketPrefix, runId, steps: steps.map((s) => `${s.kind}${'entity' in s ? `:${s.entity}` : ''}`) });
  }

  async noteHostResponse(_ctx: QbwcSessionContext, _hcp: string): Promise<void> {}

  async nextRequest(ctx: QbwcSessionContext): Promise<string | null> {
    const plan = await this.requirePlan(ctx);
    if (plan.awaiting !== null) await this.recoverLostAnswer(ctx, plan);
    for (;;) {
      const step = currentStep(plan);
      if (!step) return null;
      plan.seq += 1;
      const prefix = `${plan.runId}-${plan.seq}`;
      let requests: readonly QbxmlRequest[] | null;
      if (step.kind === 'write') {
        const batch = await this.writes.nextBatch(ctx.ticketHash, prefix);
        if (!batch) {
          step.done = true;
          continue;
        }
        step.inFlight = [...batch.outboxIds];
        requests = batch.requests;
      } else requests = [this.queryFor(step, prefix)];
      plan.awaiting = prefix;
      await this.plans.save(ctx.ticketHash, plan, this.clock.now());
      const built = buildQbxmlRequest(requests, { onError: step.kind === 'write' ? 'continueOnError' : 'stopOnError' });
      return built.xml;
    }
  }

  async handleResponse(ctx: QbwcSessionContext, input: QbwcResponseInput): Promise<QbwcResponseOutcome> {
    const plan = await this.requirePlan(ctx);
    const step = currentStep(plan);
    if (!step || plan.awaiting === null) return { progress: progressOf(plan) };
    if (input.hresult !== '' || input.response.trim() === '') {
      // QuickBooks ran nothing (or we cannot know what it ran): nothing advances; writes are re-checked.
      if (step.kind === 'write') await this.writes.releaseInFlight(ctx.ticketHash, input.message);
      await this.fail(plan, step, 'QB_HRESULT', `QuickBooks could not process the request (${input.hresult}: ${input.message})`);
      await this.plans.save(ctx.ticketHash, plan, this.clock.now());
      return { progress: 0, error: `QuickBooks reported ${input.hresult}: ${input.message}. Nothing was lost; the next update retries.` };
    }
    const parsed = parseQbxmlResponse(input.response);
    if (!parsed.ok) {
      if (step.kind === 'write') await this.writes.releaseInFlight(ctx.ticketHash, parsed.error.message);
      await this.fail(plan, step, 'QB_BAD_RESPONSE', `Unreadable QuickBooks response: ${parsed.error.message}`);
      await this.plans.save(ctx.ticketHash, plan, this.clock.now());
      return { progress: 0, error: 'QuickBooks sent a response the connector cannot read; the next update retries.' };
    }
    const responses = parsed.value.responses.filter((r) => r.requestID?.startsWith(`${plan.awaiting}-`) ?? false);
    plan.awaiting = null;
    try {
      if (step.kind === 'write') {
        await this.writes.applyResponses(ctx.ticketHash, plan.runId, step.inFlight, responses);
        step.sent += step.inFlight.length;
        step.inFlight = [];
      } else if (step.kind === 'read') await this.applyRead(plan, step, responses[0]);
      else await this.applyDeleted(plan, step, responses[0]);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await this.fail(plan, step, 'APPLY_FAILED', `Could not apply ${'entity' in step ? step.entity : 'writes'}: ${reason}`);
    }
    await this.plans.save(ctx.ticketHash, plan, this.clock.now());
    return { progress: progressOf(plan) };
  }

  async endSession(ctx: QbwcSessionContext, outcome: 'closed' | 'connection-error' | 'expired'): Promise<void> {
    const plan = await this.plans.load<SessionPlan>(ctx.ticketHash);
    await this.writes.releaseInFlight(ctx.ticketHash, `session ${outcome}`);
    if (plan) {
      const complete = plan.steps.every((s) => s.done) && plan.errors.length === 0;
      const status = outcome !== 'closed' ? outcome : complete ? 'completed' : 'completed_with_errors';
      await this.journal.finishRun(plan.runId, status, plan.stats, plan.errors.join('\n') || null, this.clock.now());
      await this.plans.delete(ctx.ticketHash);
      this.logger.log({ event: 'sync.session_finished', ticket: ctx.ticketPrefix, runId: plan.runId, status, stats: plan.stats });
    }
    this.upserts.reset();
  }

  /**
   * sendRequestXML came again without the answer to our last request (qbwc.md §4.2 notes: a network
   * failure). Continuing the iterator would skip the lost page, so the entity's iteration starts over; queued
   * writes whose answer was lost are looked up in QuickBooks before being sent again.
   */
  private async recoverLostAnswer(ctx: QbwcSessionContext, plan: SessionPlan): Promise<void> {
    const step = currentStep(plan);
    this.logger.warn({ event: 'sync.answer_lost', ticket: ctx.ticketPrefix, runId: plan.runId, step: step?.kind, action: 'restarting this step safely' });
    if (step?.kind === 'read') {
      delete step.iteratorID;
      delete step.remaining;
      step.seen = 0;
    } else if (step?.kind === 'write') {
      await this.writes.releaseInFlight(ctx.ticketHash, 'the answer to the previous request was lost');
      step.inFlight = [];
    }
    plan.awaiting = null;
  }

  private queryFor(step: ReadStep | DeletedStep, prefix: string): QbxmlRequest {
    const strategy = this.strategyFor(step.entity);
    const tz = this.config.qbwc.timeZone;
    const since = step.sinceMs !== undefined ? { at: new Date(step.sinceMs), timeZone: tz, offset: 'none' as const } : undefined;
    if (step.kind === 'deleted') {
      const d = strategy.deletedTypes;
      return d.kind === 'list'
        ? { kind: 'ListDeletedQuery', requestID: `${prefix}-d`, ListDelType: d.types, ...(since ? { FromDeletedDate: since } : {}) }
        : { kind: 'TxnDeletedQuery', requestID: `${prefix}-d`, TxnDelType: d.types, ...(since ? { FromDeletedDate: since } : {}) };
    }
    return strategy.buildQuery({
      requestID: `${prefix}-q`,
      iterator: step.iteratorID ? { iterator: 'Continue', iteratorID: step.iteratorID } : { iterator: 'Start' },
      ...(since ? { modifiedSince: since } : {}),
      maxReturned: this.config.sync.pageSize,
    });
  }

  private async applyRead(plan: SessionPlan, step: ReadStep, response: QbxmlResponse | undefined): Promise<void> {
    if (!response) throw new Error('QuickBooks answered without the query response');
    if (response.statusCode === 1) {
      // Nothing modified since the watermark (or an exhausted iterator): the step is complete.
      await this.finishRead(step);
      return;
    }
    if (response.action !== 'ok') {
      await this.fail(plan, step, `QB_${response.statusCode}`, `QuickBooks refused the ${step.entity} query: ${response.operatorMessage}`);
      return;
    }
    const strategy = this.strategyFor(step.entity);
    const stats = await strategy.applyPage(response, { runId: plan.runId, firstRun: step.firstRun });
    plan.stats[step.entity] = addStats(plan.stats[step.entity] ?? emptyStats(), stats);
    for (const r of response.rets) {
      if ('TimeModified' in r && typeof r.TimeModified === 'string') {
        const ms = qbLocalToUtc(r.TimeModified, this.config.qbwc.timeZone).getTime();
        if (step.maxModifiedMs === undefined || ms > step.maxModifiedMs) step.maxModifiedMs = ms;
      }
    }
    step.seen += response.rets.length;
    step.remaining = response.iteratorRemainingCount ?? 0;
    if (response.iteratorID) step.iteratorID = response.iteratorID;
    if (step.remaining === 0) await this.finishRead(step);
  }

  private async finishRead(step: ReadStep): Promise<void> {
    step.done = true;
    const now = this.clock.now();
    // First import with nothing in QuickBooks still records a watermark, so deletions are read from then on.
    const modifiedSince = step.maxModifiedMs !== undefined ? new Date(step.maxModifiedMs) : step.firstRun ? now : undefined;
    await this.watermarks.advance(`qb:${step.entity}`, { ...(modifiedSince ? { modifiedSince } : {}), recordsSeen: step.seen }, now);
  }

  private async applyDeleted(plan: SessionPlan, step: DeletedStep, response: QbxmlResponse | undefined): Promise<void> {
    step.done = true;
    if (!response || response.statusCode === 1) return;
    if (response.action !== 'ok' || (response.retType !== 'listDeleted' && response.retType !== 'txnDeleted')) {
      await this.fail(plan, step, `QB_${response.statusCode}`, `QuickBooks refused the deleted-${step.entity} query: ${response.operatorMessage}`);
      return;
    }
    const ids: string[] = [];
    let latest: number | undefined;
    for (const r of response.rets) {
      ids.push('ListID' in r ? r.ListID : r.TxnID);
      const ms = qbLocalToUtc(r.TimeDeleted, this.config.qbwc.timeZone).getTime();
      if (latest === undefined || ms > latest) latest = ms;
    }
    const stats: ApplyStats = await this.strategyFor(step.entity).applyDeleted(ids, { runId: plan.runId, firstRun: false });
    plan.stats[step.entity] = addStats(plan.stats[step.entity] ?? emptyStats(), stats);
    if (latest !== undefined) await this.watermarks.advance(`qb:${step.entity}`, { deletedSince: new Date(latest) }, this.clock.now());
  }

  private async fail(plan: SessionPlan, step: Step, code: string, message: string): Promise<void> {
    step.done = true;
    plan.errors.push(message);
    const entity = 'entity' in step ? step.entity : 'outbox';
    this.logger.warn({ event: 'sync.step_failed', runId: plan.runId, entity, code, message, action: 'watermark kept; the next Web Connector update retries this step' });
    await this.journal.error({ runId: plan.runId, source: 'qbwc', entity, code, message }, this.clock.now());
  }

  private strategyFor(entity: string): QbReadStrategy {
    const s = this.strategies.find((x) => x.entity === entity);
    if (!s) throw new Error(`no strategy for ${entity}`);
    return s;
  }

  private async requirePlan(ctx: QbwcSessionContext): Promise<SessionPlan> {
    const plan = await this.plans.load<SessionPlan>(ctx.ticketHash);
    if (plan) return plan;
    // The plan row is written at authenticate; a session without one predates this version: plan now.
    await this.startSession(ctx);
    const fresh = await this.plans.load<SessionPlan>(ctx.ticketHash);
    if (!fresh) throw new Error('session plan could not be stored');
    return fresh;
  }
}
