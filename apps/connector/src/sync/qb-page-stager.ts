import { Inject, Injectable } from '@nestjs/common';
import { qbLocalToUtc, type QbxmlResponse } from '@qb-b24/qbxml';
import type { StoredErrorCode } from '@qb-b24/sync-core';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { QB_READ_STRATEGIES, type QbReadStrategy, type StagedInput } from './qb-read-strategy.js';
import { RereadRepository } from './reread.repository.js';
import type { DeletedStep, ReadStep, ReReadStep, SessionPlan } from './session-plan.js';
import { StagedPageRepository } from './staged-page.repository.js';
import { WatermarkRepository } from './watermark.repository.js';

export interface StepFailure {
  readonly code: StoredErrorCode;
  readonly message: string;
}

/**
 * Turns one QuickBooks query answer into a staged page, inside the caller's transaction: the page, the
 * iterator position and the watermark commit together, so a crash loses nothing and stages nothing twice. The
 * watermark may move as soon as the page is staged, because the staged page is what guarantees it reaches
 * Bitrix24. No Bitrix24 I/O happens here.
 */
@Injectable()
export class QbPageStager {
  constructor(
    private readonly staged: StagedPageRepository,
    private readonly watermarks: WatermarkRepository,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(QB_READ_STRATEGIES) private readonly strategies: QbReadStrategy[],
    private readonly rereads: RereadRepository,
  ) {}

  async stageRead(tx: EntityManager, plan: SessionPlan, step: ReadStep, response: QbxmlResponse | undefined, pageKey: string): Promise<StepFailure | null> {
    if (!response) return { code: 'QB_BAD_RESPONSE', message: 'QuickBooks answered without the query response' };
    if (response.statusCode === 1) {
      // Nothing modified since the watermark (or an exhausted iterator): the step is complete.
      await this.finishRead(tx, step);
      return null;
    }
    if (response.action !== 'ok')
      return { code: `QB_${response.statusCode}`, message: `QuickBooks refused the ${step.entity} query: ${response.operatorMessage}` };
    if (response.rets.length > 0) {
      const now = this.clock.now();
      await this.staged.stage(
        { pageKey, runId: plan.runId, entity: step.entity, kind: 'records', firstRun: step.firstRun, payload: response, recordCount: response.rets.length },
        now,
        tx,
      );
      await this.noteStaged(tx, plan, step.entity, { kind: 'records', response }, now);
    }
    for (const r of response.rets) {
      if ('TimeModified' in r && typeof r.TimeModified === 'string') {
        const ms = qbLocalToUtc(r.TimeModified, this.config.qbwc.timeZone).getTime();
        if (step.maxModifiedMs === undefined || ms > step.maxModifiedMs) step.maxModifiedMs = ms;
      }
    }
    plan.read = { ...plan.read, [step.entity]: (plan.read?.[step.entity] ?? 0) + response.rets.length };
    step.seen += response.rets.length;
    step.remaining = response.iteratorRemainingCount ?? 0;
    if (response.iteratorID) step.iteratorID = response.iteratorID;
    if (step.remaining === 0) await this.finishRead(tx, step);
    return null;
  }

  async stageDeleted(
    tx: EntityManager,
    plan: SessionPlan,
    step: DeletedStep,
    response: QbxmlResponse | undefined,
    pageKey: string,
  ): Promise<StepFailure | null> {
    step.done = true;
    if (!response || response.statusCode === 1) return null;
    if (response.action !== 'ok' || (response.retType !== 'listDeleted' && response.retType !== 'txnDeleted')) {
      return { code: `QB_${response.statusCode}`, message: `QuickBooks refused the deleted-${step.entity} query: ${response.operatorMessage}` };
    }
    const ids: string[] = [];
    let latest: number | undefined;
    for (const r of response.rets) {
      ids.push('ListID' in r ? r.ListID : r.TxnID);
      const ms = qbLocalToUtc(r.TimeDeleted, this.config.qbwc.timeZone).getTime();
      if (latest === undefined || ms > latest) latest = ms;
    }
    const now = this.clock.now();
    if (ids.length > 0) {
      await this.staged.stage(
        { pageKey, runId: plan.runId, entity: step.entity, kind: 'deleted', firstRun: false, payload: ids, recordCount: ids.length },
        now,
        tx,
      );
      await this.noteStaged(tx, plan, step.entity, { kind: 'deleted', ids }, now);
    }
    if (latest !== undefined) await this.watermarks.advance(`qb:${step.entity}`, { deletedSince: new Date(latest) }, now, tx);
    return null;
  }

  /**
   * Stages the answer to a re-read (records asked for by id): applied like any page of the entity, with no watermark
   * move. Status 500 (some ids no longer exist, e.g. a deleted invoice) still carries the others (qbxml.md §5.1).
   */
  async stageReread(tx: EntityManager, plan: SessionPlan, step: ReReadStep, response: QbxmlResponse | undefined, pageKey: string): Promise<StepFailure | null> {
    if (!response) return { code: 'QB_BAD_RESPONSE', message: 'QuickBooks answered without the query response' };
    // Status 1: none of them exists any more (deleted invoices, whose own deletion reaches their deals).
    if (response.statusCode !== 1 && response.action !== 'ok')
      return { code: `QB_${response.statusCode}`, message: `QuickBooks refused to re-read ${step.entity} records: ${response.operatorMessage}` };
    if (response.statusCode !== 1 && response.rets.length > 0) {
      const page = {
        pageKey,
        runId: plan.runId,
        entity: step.entity,
        kind: 'records' as const,
        firstRun: false,
        payload: response,
        recordCount: response.rets.length,
      };
      await this.staged.stage(page, this.clock.now(), tx);
    }
    await this.rereads.done(tx, step.entity, step.inFlight);
    step.inFlight = [];
    // Done once nothing is left, so the answer to the last re-read already reports the whole plan done (100 %).
    if ((await this.rereads.next(step.entity, 1, tx)).length === 0) step.done = true;
    return null;
  }

  /** Whether ids of this entity wait to be re-read (left by a session that ended first). */
  async hasRereads(entity: string): Promise<boolean> {
    return (await this.rereads.next(entity, 1)).length > 0;
  }

  /** The ids a re-read step asks for next (those of a lost answer again first); null when the queue is empty. */
  async nextReread(step: ReReadStep, max: number): Promise<string[] | null> {
    if (step.inFlight.length === 0) step.inFlight = await this.rereads.next(step.entity, max);
    return step.inFlight.length > 0 ? step.inFlight : null;
  }

  /**
   * Lets the page's strategy record what it needs in this transaction, and queues the re-reads it asks for; the plan
   * gets a re-read step for them (last, after every read and deletion step) if it has none yet.
   */
  private async noteStaged(tx: EntityManager, plan: SessionPlan, entity: string, page: StagedInput, now: Date): Promise<void> {
    const strategy = this.strategies.find((s) => s.entity === entity);
    if (strategy?.onStaged === undefined || strategy.rereads === undefined) return;
    const ids = await strategy.onStaged(tx, page, now);
    if (ids.length === 0) return;
    await this.rereads.queue(tx, strategy.rereads, ids, now);
    const target = strategy.rereads;
    if (!plan.steps.some((s) => s.kind === 'reread' && s.entity === target && !s.done))
      plan.steps.push({ kind: 'reread', entity: target, inFlight: [], done: false });
  }

  private async finishRead(tx: EntityManager, step: ReadStep): Promise<void> {
    step.done = true;
    const now = this.clock.now();
    // Only QuickBooks' own TimeModified moves the mark. A first import that finds nothing records the entity as
    // imported (the row) but no time: the connector's clock says nothing about the QuickBooks PC's, and a mark ahead
    // of it by more than the overlap would skip every record made there later. So the next run reads the (empty or
    // small) entity whole again, until a record brings QuickBooks' time.
    const modifiedSince = step.maxModifiedMs !== undefined ? new Date(step.maxModifiedMs) : undefined;
    await this.watermarks.advance(`qb:${step.entity}`, { ...(modifiedSince ? { modifiedSince } : {}), recordsSeen: step.seen }, now, tx);
  }
}
