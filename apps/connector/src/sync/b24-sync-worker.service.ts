import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Bitrix24Error, type Bitrix24Client } from '@qb-b24/bitrix24-client';
import type { QbxmlResponse } from '@qb-b24/qbxml';
import { QueryFailedError } from 'typeorm';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { MappingPortalCheckService } from '../bitrix/mapping-portal-check.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { GIVE_WAY_MAX_MS, WebConnectorCalls } from '../common/web-connector-calls.js';
import { yieldToEventLoop } from '../common/yield-to-event-loop.js';
import { OwnershipService } from '../ownership/ownership.service.js';
import { B24EventProcessorService } from './b24-event-processor.service.js';
import { B24UpsertService } from './b24-upsert.service.js';
import { QB_READ_STRATEGIES, type QbReadStrategy } from './qb-read-strategy.js';
import type { StagedPageEntity } from './staged-page.entity.js';
import { StagedPageRepository } from './staged-page.repository.js';
import { SyncJournalRepository } from './sync-journal.repository.js';

/** How often the worker looks for work it was not told about (a page staged by another boot, a restart). */
const IDLE_POLL_MS = 5_000;
/** Backoff after a failed page: 5 s doubling to 5 minutes; the page waits, nothing is skipped. */
const BACKOFF_MIN_MS = 5_000;
const BACKOFF_MAX_MS = 5 * 60_000;
/**
 * A page that keeps failing for a reason waiting cannot fix (not a timeout, network error, rate limit or 5xx)
 * is set aside after this many attempts so it cannot hold every later page back; /status counts it and
 * `POST /admin/resync` reads the entity from QuickBooks again.
 */
const MAX_ATTEMPTS_PERMANENT = 5;
/** How long a stop waits for the Bitrix24 call under way. */
const SHUTDOWN_GRACE_MS = 5_000;

/**
 * The Bitrix24 side of the staged pipeline: applies the QuickBooks pages that Web Connector sessions stored,
 * oldest first, at the client's rate limit, then turns stored Bitrix24 events into the QuickBooks outbox for the
 * next session. It runs in the background (kicked when a page is staged, and on a timer), so no Web Connector
 * call ever waits on Bitrix24. A failed page stays first in line and is retried with backoff: order is kept,
 * nothing is dropped. A create whose answer was lost is found again by the identity it carries before any
 * retry creates it (B24UpsertService), so a timeout never duplicates.
 */
@Injectable()
export class B24SyncWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(B24SyncWorkerService.name);
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private retryAt = 0;
  private stopped = false;

  constructor(
    private readonly connection: Bitrix24Connection,
    @Inject(QB_READ_STRATEGIES) private readonly strategies: QbReadStrategy[],
    private readonly staged: StagedPageRepository,
    private readonly upserts: B24UpsertService,
    private readonly events: B24EventProcessorService,
    private readonly journal: SyncJournalRepository,
    private readonly scheduler: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly portalCheck: MappingPortalCheckService,
    private readonly ownership: OwnershipService,
    private readonly calls: WebConnectorCalls,
  ) {}

  /** Read on every use: the setup page can connect Bitrix24 while the service runs. */
  private get client(): Bitrix24Client | null {
    return this.connection.client;
  }

  onApplicationBootstrap(): void {
    // Only the process that owns this company works its queue (several processes on one PostgreSQL): it starts
    // when it becomes the owner, and when another process staged a page and nudged it.
    this.ownership.onWork(() => this.kick());
    this.ownership.beforeRelease(() => this.running ?? Promise.resolve());
    // Even without a client: the setup page may connect Bitrix24 later, and each tick checks for one.
    const timer = setInterval(() => {
      if (this.ownership.owns()) this.kick();
    }, IDLE_POLL_MS);
    timer.unref();
    this.scheduler.addInterval('b24-worker', timer);
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.scheduler.doesExist('interval', 'b24-worker')) this.scheduler.deleteInterval('b24-worker');
    // Let the call under way finish (its page is then marked), but a portal that hangs must not hold a stop for the
    // client's whole timeout and retries: whatever is cut off stays staged and is sent again after the restart.
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
      timer.unref();
    });
    await Promise.race([this.running ?? Promise.resolve(), grace]);
    clearTimeout(timer);
  }

  /**
   * Starts a drain in the background; failures are logged and recorded, never thrown into the caller. In a process
   * that does not own the company, it wakes the owner instead.
   */
  kick(): void {
    if (!this.client || this.stopped) return;
    if (!this.ownership.owns()) {
      this.ownership.nudge();
      return;
    }
    this.drain().catch((err: unknown) => {
      this.logger.error({ event: 'b24.worker_failed', message: err instanceof Error ? err.message : String(err), action: 'retried at the next tick' });
    });
  }

  /**
   * Applies every due page, then processes stored Bitrix24 events; resolves when the worker is idle (or backing
   * off after a failure). Concurrent callers share one run; a call during a run makes it go round once more.
   * `retryNow` skips the wait after a failure (an operator's "retry now", and tests between two runs).
   */
  drain(options: { retryNow?: boolean } = {}): Promise<void> {
    if (!this.client) return Promise.resolve();
    if (!this.ownership.owns()) {
      this.ownership.nudge();
      return Promise.resolve();
    }
    if (options.retryNow) this.retryAt = 0;
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** When the worker will try again after a failure (null when it is not backing off). */
  get retryingAt(): Date | null {
    return this.retryAt > this.clock.now().getTime() ? new Date(this.retryAt) : null;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      // A mapping the portal contradicts (or one not yet checked against it) must not write: the pages wait.
      if (!(await this.portalCheck.allowsWrites())) return;
      try {
        const clear = await this.applyStaged();
        // Events wait until every staged page is in Bitrix24: a contact created there must be matched against
        // the imported customers, not sent to QuickBooks as a new one.
        if (clear && !this.stopped && this.ownership.owns()) await this.processEvents();
      } catch (err) {
        // Our own database failed (locked, full): the pages are still stored, so waiting loses nothing.
        this.retryAt = this.clock.now().getTime() + BACKOFF_MIN_MS;
        this.logger.error({
          event: 'b24.worker_failed',
          message: err instanceof Error ? err.message : String(err),
          retryInMs: BACKOFF_MIN_MS,
          action: 'the staged pages wait; retried automatically',
        });
        return;
      }
    } while (this.again && !this.stopped && this.ownership.owns());
  }

  /** Applies due pages in order; true when none is left waiting. */
  private async applyStaged(): Promise<boolean> {
    // Checked before each page: a process that lost the company (hand-over, broken connection) stops at once.
    while (!this.stopped && this.ownership.owns()) {
      if (this.clock.now().getTime() < this.retryAt) return false;
      // Web Connector calls being answered go first (WebConnectorCalls); the wait is bounded, so pages still flow.
      await this.calls.quiet(GIVE_WAY_MAX_MS);
      const page = await this.staged.next();
      // The first-import index is kept while the queue runs dry between two pages of one import: rebuilding it per
      // page would list every Bitrix24 record again each time. It is dropped on a failure and when another run starts.
      if (!page) return true;
      try {
        await this.apply(page);
        await this.staged.applied(page.id);
        this.failures = 0;
        this.retryAt = 0;
      } catch (err) {
        await this.pageFailed(page, err);
        return false;
      }
      // Web Connector calls waiting on this thread are answered between two pages, whatever the backlog.
      await yieldToEventLoop();
    }
    return false;
  }

  private async apply(page: StagedPageEntity): Promise<void> {
    const strategy = this.strategies.find((s) => s.entity === page.entity);
    if (!strategy) throw new Error(`no strategy is registered for "${page.entity}"`);
    const ctx = { runId: page.runId, firstRun: page.firstRun };
    const payload: unknown = JSON.parse(page.payloadJson);
    const stats =
      page.kind === 'deleted'
        ? await strategy.applyDeleted(Array.isArray(payload) ? payload.map(String) : [], ctx)
        : await strategy.applyPage(payload as QbxmlResponse, ctx);
    await this.journal.addRunStats(page.runId, page.entity, stats);
    this.logger.log({ event: 'b24.page_applied', page: page.id, runId: page.runId, entity: page.entity, kind: page.kind, records: page.recordCount, ...stats });
    // The watermark moved when the page was staged, so a record Bitrix24 refused would otherwise wait for its next
    // edit in QuickBooks. The page stays and is applied again (what already landed costs nothing: unchanged
    // records make no call) until it passes or is set aside, visible in /status.
    if (stats.failed > 0)
      throw new Error(`Bitrix24 refused ${stats.failed} of ${page.recordCount} ${page.entity} record(s) (see last_errors); the page is sent again`);
  }

  private async pageFailed(page: StagedPageEntity, err: unknown): Promise<void> {
    // Whatever the failure, a create may have reached the portal: the first-import index is rebuilt from the
    // portal before the retry, so that record is found by its identity instead of being created twice.
    this.upserts.reset();
    // Bitrix24 says whether waiting helps; our own database failing (locked, restarting) is always worth waiting for.
    const waitingHelps = err instanceof Bitrix24Error ? err.retriable : err instanceof QueryFailedError;
    const attempts = page.attempts + 1;
    const dead = !waitingHelps && attempts >= MAX_ATTEMPTS_PERMANENT;
    const message = err instanceof Error ? err.message : String(err);
    this.failures += 1;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(10, this.failures - 1));
    const now = this.clock.now();
    this.retryAt = now.getTime() + delay;
    await this.staged.failed(page.id, attempts, message, dead, now);
    this.logger.warn({
      event: dead ? 'b24.page_set_aside' : 'b24.page_failed',
      page: page.id,
      entity: page.entity,
      attempts,
      code: err instanceof Bitrix24Error ? err.code : 'APPLY_FAILED',
      message,
      retryInMs: dead ? undefined : delay,
      action: dead
        ? `set aside after ${attempts} attempts; fix the cause, then POST /admin/resync {"entity":"${page.entity}"} reads it from QuickBooks again`
        : 'the page and every later one wait; retried automatically',
    });
    await this.journal.error(
      {
        runId: page.runId,
        source: 'qb->b24',
        entity: page.entity,
        code: err instanceof Bitrix24Error ? `B24_${err.code}` : 'APPLY_FAILED',
        message: `Could not send ${page.recordCount} ${page.entity} record(s) to Bitrix24: ${message}`,
      },
      now,
    );
  }

  private async processEvents(): Promise<void> {
    try {
      await this.events.processPending();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn({ event: 'b24.events_failed', message, action: 'the events stay stored; retried at the next tick' });
    }
  }
}
