import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Bitrix24Client } from '@qb-b24/bitrix24-client';
import { B24EventInboxService } from '../bitrix/b24-event-inbox.service.js';
import { Bitrix24Connection } from '../bitrix/bitrix24-connection.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { OwnershipService } from '../ownership/ownership.service.js';
import { B24SyncWorkerService } from './b24-sync-worker.service.js';
import { StrategyRegistry } from './strategy-registry.js';
import { B24_POLLED } from './sync-entities.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { WatermarkRepository } from './watermark.repository.js';

/**
 * Event webhooks are at-most-once and optional (bitrix24.md §7.4), so a periodic scan of records modified
 * since the last watermark (minus an overlap) stores what events missed into the same inbox, where the
 * event processor handles them. A record version already stored (same id and modification time) is not
 * stored twice.
 */
@Injectable()
export class B24PollerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(B24PollerService.name);
  private busy = false;

  constructor(
    private readonly connection: Bitrix24Connection,
    private readonly inbox: B24EventInboxService,
    private readonly watermarks: WatermarkRepository,
    private readonly worker: B24SyncWorkerService,
    private readonly journal: SyncJournalRepository,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ownership: OwnershipService,
    private readonly registry: StrategyRegistry,
  ) {}

  /** Read on every use: the setup page can connect Bitrix24 while the service runs. */
  private get client(): Bitrix24Client | null {
    return this.connection.client;
  }

  onApplicationBootstrap(): void {
    // Even without a client: the setup page may connect Bitrix24 later, and each poll checks for one.
    if (this.config.sync.b24PollMs <= 0) return;
    const timer = setInterval(() => void this.tick(), this.config.sync.b24PollMs);
    timer.unref();
    this.scheduler.addInterval('b24-poll', timer);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'b24-poll')) this.scheduler.deleteInterval('b24-poll');
  }

  /** One poll plus processing; failures are logged and recorded, never thrown into the timer. */
  async tick(): Promise<void> {
    // Only the company's owner polls its portal: one process's calls count against the portal's rate limit.
    if (this.busy || !this.ownership.owns()) return;
    this.busy = true;
    try {
      await this.pollOnce();
      // The worker processes what was stored, after any QuickBooks pages still waiting for Bitrix24.
      this.worker.kick();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.warn({ event: 'b24.poll_failed', message, action: 'retried at the next poll' });
      await this.journal.error({ source: 'b24-poll', code: 'POLL_FAILED', message: `Polling Bitrix24 failed: ${message}` }, this.clock.now());
    } finally {
      this.busy = false;
    }
  }

  /** Scans each entity for changes since its watermark; returns how many record versions were stored. */
  async pollOnce(): Promise<number> {
    if (!this.client) return 0;
    let stored = 0;
    for (const { entity, dateField } of this.registry.polledSources(B24_POLLED)) {
      const key = `b24:${entity}`;
      const wm = await this.watermarks.get(key);
      const since = wm?.modifiedSince ? new Date(wm.modifiedSince.getTime() - this.config.sync.overlapMs) : undefined;
      let latest: Date | undefined;
      let seen = 0;
      for await (const r of this.client.listAll<Record<string, unknown>>(`crm.${entity}.list`, {
        select: ['ID', dateField],
        ...(since ? { filter: { [`>${dateField}`]: since.toISOString() } } : {}),
      })) {
        const modified = typeof r[dateField] === 'string' ? String(r[dateField]) : '';
        const at = Date.parse(modified);
        if (!Number.isNaN(at) && (!latest || at > latest.getTime())) latest = new Date(at);
        seen += 1;
        const res = await this.inbox.store({ event: 'POLL', b24Entity: entity, b24Id: String(r['ID']), action: 'update', ts: modified || null });
        if (res === 'queued') stored += 1;
      }
      await this.watermarks.advance(key, { modifiedSince: latest ?? (wm?.modifiedSince ? null : this.clock.now()), recordsSeen: seen }, this.clock.now());
    }
    if (stored > 0) this.logger.log({ event: 'b24.poll_found', versions: stored });
    return stored;
  }
}
