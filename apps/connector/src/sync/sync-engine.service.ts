import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { buildQbxmlRequest, classifyHresult, type QbxmlRequest } from '@qb-b24/qbxml';
import type { StoredErrorCode } from '@qb-b24/sync-core';
import { DataSource } from 'typeorm';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import type { QbwcRequestProvider, QbwcResponseInput, QbwcResponseOutcome, QbwcSessionContext } from '../qbwc/qbwc-request-provider.js';
import { B24SyncWorkerService } from './b24-sync-worker.service.js';
import { orderStrategies } from './order-strategies.js';
import { QbPageStager, type StepFailure } from './qb-page-stager.js';
import { QB_READ_STRATEGIES, type QbReadStrategy } from './qb-read-strategy.js';
import { QB_WRITE_DISPATCHER, type QbWriteDispatcher } from './qb-write-dispatcher.js';
import { currentStep, progressOf, type SessionPlan, type Step } from './session-plan.js';
import { queryForStep } from './session-queries.js';
import { SessionSummaryService } from './session-summary.service.js';
import { QbxmlParsePool } from './qbxml-parse-pool.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { SyncSessionRepository } from './sync-session.repository.js';
import { WatermarkRepository } from './watermark.repository.js';

/**
 * Runs a Web Connector session as a plan of steps: queued writes toward QuickBooks first, then for each
 * entity (in dependency order) an iterator over records modified since its watermark, then its deletions.
 * The plan lives in the database, so a restart mid-session resumes it. Every answer QuickBooks sends is staged
 * in the database in the same transaction that advances the plan and the watermark, and the Bitrix24 worker
 * applies it afterwards: no Web Connector call ever waits on Bitrix24, and nothing read is lost.
 */
@Injectable()
export class SyncEngineService implements QbwcRequestProvider {
  private readonly logger = new Logger(SyncEngineService.name);
  private readonly strategies: QbReadStrategy[];

  constructor(
    @Inject(QB_READ_STRATEGIES) strategies: QbReadStrategy[],
    @Inject(QB_WRITE_DISPATCHER) private readonly writes: QbWriteDispatcher,
    private readonly connection: Bitrix24Connection,
    private readonly config: AppConfig,
    private readonly plans: SyncSessionRepository,
    private readonly watermarks: WatermarkRepository,
    private readonly journal: SyncJournalRepository,
    private readonly stager: QbPageStager,
    private readonly worker: B24SyncWorkerService,
    private readonly summary: SessionSummaryService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly qbxmlParser: QbxmlParsePool,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.strategies = orderStrategies(strategies);
  }

  /** Read on every use: the setup page can connect Bitrix24 while the service runs. */
  private get b24(): object | null {
    return this.connection.client;
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
    // Bitrix24 events became queued writes in the background worker already: starting touches only the database.
    const runId = await this.journal.startRun('qbwc', ctx.ticketPrefix, now);
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
      // Last: re-reads an earlier session could not finish (a payment's invoices); this session's pages add their own.
      for (const entity of new Set(this.strategies.flatMap((s) => (s.rereads ? [s.rereads] : []))))
        if (await this.stager.hasRereads(entity)) steps.push({ kind: 'reread', entity, inFlight: [], done: false });
    }
    const plan: SessionPlan = { runId, steps, awaiting: null, seq: 0, stats: {}, read: {}, errors: [] };
    await this.plans.save(ctx.ticketHash, plan, now);
    this.logger.log({
      event: 'sync.session_planned',
      ticket: ctx.ticketPrefix,
      runId,
      steps: steps.map((s) => `${s.kind}${'entity' in s ? `:${s.entity}` : ''}`),
    });
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
      } else if (step.kind === 'reread') {
        const ids = await this.stager.nextReread(step, this.config.sync.pageSize);
        if (!ids) {
          step.done = true;
          continue;
        }
        requests = [queryForStep(this.strategyFor(step.entity), step, prefix, this.config, ids)];
      } else requests = [queryForStep(this.strategyFor(step.entity), step, prefix, this.config)];
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
    if (input.hresult !== '' || input.response.trim() === '') return this.messageFailed(ctx, plan, step, input);
    // A large page parses in a worker thread, so the other Web Connector calls and /health are answered meanwhile.
    const parsed = await this.qbxmlParser.parse(input.response);
    if (!parsed.ok) {
      if (step.kind === 'write') await this.writes.releaseInFlight(ctx.ticketHash, parsed.error.message);
      await this.fail(plan, step, 'QB_BAD_RESPONSE', `Unreadable QuickBooks response: ${parsed.error.message}`);
      await this.plans.save(ctx.ticketHash, plan, this.clock.now());
      return { progress: 0, error: 'QuickBooks sent a response the connector cannot read; the next update retries.' };
    }
    const pageKey = plan.awaiting;
    const responses = parsed.value.responses.filter((r) => r.requestID?.startsWith(`${pageKey}-`) ?? false);
    plan.awaiting = null;
    let failure: StepFailure | null = null;
    try {
      if (step.kind === 'write') {
        await this.writes.applyResponses(ctx.ticketHash, plan.runId, step.inFlight, responses);
        step.sent += step.inFlight.length;
        step.inFlight = [];
        await this.plans.save(ctx.ticketHash, plan, this.clock.now());
      } else {
        // The staged page, the iterator position and the watermark commit together (or not at all).
        failure = await this.db.transaction(async (tx) => {
          const f =
            step.kind === 'read'
              ? await this.stager.stageRead(tx, plan, step, responses[0], pageKey)
              : step.kind === 'reread'
                ? await this.stager.stageReread(tx, plan, step, responses[0], pageKey)
                : await this.stager.stageDeleted(tx, plan, step, responses[0], pageKey);
          if (f) step.done = true;
          await this.plans.save(ctx.ticketHash, plan, this.clock.now(), tx);
          return f;
        });
        this.worker.kick();
      }
    } catch (err) {
      failure = {
        code: 'APPLY_FAILED',
        message: `Could not store ${'entity' in step ? step.entity : 'writes'}: ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    if (failure) {
      await this.fail(plan, step, failure.code, failure.message);
      await this.plans.save(ctx.ticketHash, plan, this.clock.now());
    }
    return { progress: progressOf(plan) };
  }

  /**
   * QuickBooks ran nothing (an HRESULT), or we cannot know what it ran (an empty answer). Nothing advances. The
   * qbXML playbook decides what happens to queued writes: a message QuickBooks cannot parse (0x80040400) would
   * fail again unchanged, so its rows are parked for the operator; anything else is re-checked and resent later.
   */
  private async messageFailed(ctx: QbwcSessionContext, plan: SessionPlan, step: Step, input: QbwcResponseInput): Promise<QbwcResponseOutcome> {
    const rule =
      input.hresult !== ''
        ? classifyHresult(input.hresult)
        : { action: 'retry-later' as const, operatorMessage: 'QuickBooks sent an empty answer. It will be retried.' };
    if (step.kind === 'write') {
      if (rule.action === 'dead-letter')
        await this.writes.parkInFlight(ctx.ticketHash, step.inFlight, 'QB_HRESULT', `${rule.operatorMessage} (${input.hresult}: ${input.message})`);
      else await this.writes.releaseInFlight(ctx.ticketHash, input.message);
      step.inFlight = [];
    }
    plan.awaiting = null;
    await this.fail(plan, step, 'QB_HRESULT', `QuickBooks could not process the request (${input.hresult}: ${input.message}). ${rule.operatorMessage}`);
    await this.plans.save(ctx.ticketHash, plan, this.clock.now());
    return { progress: 0, error: `QuickBooks reported ${input.hresult}: ${input.message}. ${rule.operatorMessage}` };
  }

  async endSession(ctx: QbwcSessionContext, outcome: 'closed' | 'connection-error' | 'expired'): Promise<string | null> {
    const plan = await this.plans.load<SessionPlan>(ctx.ticketHash);
    await this.writes.releaseInFlight(ctx.ticketHash, `session ${outcome}`);
    if (!plan) return null;
    {
      const complete = plan.steps.every((s) => s.done) && plan.errors.length === 0;
      const status = outcome !== 'closed' ? outcome : complete ? 'completed' : 'completed_with_errors';
      await this.journal.finishRun(plan.runId, status, plan.stats, plan.errors.join('\n') || null, this.clock.now());
      await this.plans.delete(ctx.ticketHash);
      this.logger.log({ event: 'sync.session_finished', ticket: ctx.ticketPrefix, runId: plan.runId, status, read: plan.read, stats: plan.stats });
    }
    return this.summary.describe(plan);
  }

  describeIdle(): Promise<string> {
    return this.summary.describeIdle();
  }

  async describe(ctx: QbwcSessionContext): Promise<string | null> {
    const plan = await this.plans.load<SessionPlan>(ctx.ticketHash);
    return plan ? this.summary.describe(plan) : null;
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

  private async fail(plan: SessionPlan, step: Step, code: StoredErrorCode, message: string): Promise<void> {
    step.done = true;
    plan.errors.push(message);
    const entity = 'entity' in step ? step.entity : 'outbox';
    this.logger.warn({
      event: 'sync.step_failed',
      runId: plan.runId,
      entity,
      code,
      message,
      action: 'watermark kept; the next Web Connector update retries this step',
    });
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
