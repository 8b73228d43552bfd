import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { bootLockKey, companyLockKey, type LockKey } from './ownership-lock-key.js';
import { OwnershipRounds, type RoundFacts, type RoundMember } from './ownership-rounds.js';
import { PgOwnershipConnection } from './pg-ownership-connection.js';
import { parseApplicationName, THIS_PROCESS } from './process-identity.js';

/** Who runs a company's background work, as /status and the dashboard show it. */
export interface CompanyOwner {
  /** `this`: the process answering; `other`: another live process; `none`: nobody yet (a takeover is due). */
  readonly process: 'this' | 'other' | 'none';
  readonly pid: number | null;
  readonly host: string | null;
  /** The whole boot id for this process; the first 8 characters for another (all PostgreSQL shows). */
  readonly bootId: string | null;
  readonly since: Date | null;
}

/** How long a release waits for the work under way (a Bitrix24 call) before the lock goes anyway. */
const RELEASE_GRACE_MS = 5_000;

const LOCK_HOLDERS = `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid = $1::oid AND l.objid = $2::oid
    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;

/** Companies this process owns, across its company apps (one process may host many). */
let ownedInProcess = 0;

/**
 * Makes sure each company's background work (the Bitrix24 worker, the poller, turning events into the QuickBooks
 * outbox) runs in exactly one process. On PostgreSQL the owner is the process holding the company's advisory lock
 * on its dedicated connection (PgOwnershipConnection); every process retries every OWNERSHIP_RETRY_SECONDS, so
 * when the owner dies (the server releases its lock at once) or loses its connection, another takes over within
 * that time. Processes take no more than their fair share of the companies and hand back the surplus when
 * another process joins. On SQLite there is one process, and it owns everything.
 */
@Injectable()
export class OwnershipService implements OnApplicationBootstrap, OnApplicationShutdown, RoundMember {
  private readonly logger = new Logger(OwnershipService.name);
  private readonly key: LockKey;
  private readonly conn: PgOwnershipConnection | null;
  private owned: boolean;
  private ownedSince: Date | null = null;
  private rounds: OwnershipRounds | null = null;
  private stopped = false;
  private readonly workListeners = new Set<() => void>();
  private readonly idleWaiters = new Set<() => Promise<void>>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    const db = config.database;
    this.key = companyLockKey(config.companyId, db.type === 'postgres' ? db.schema : undefined);
    this.conn = db.type === 'postgres' ? PgOwnershipConnection.for(db.url) : null;
    this.owned = this.conn === null;
    if (this.owned) this.ownedSince = new Date();
  }

  /** Whether this process runs this company's background work now. */
  owns(): boolean {
    return this.owned;
  }

  /** Called when this process becomes the owner, and when another process asks the owner to look for work. */
  onWork(fn: () => void): void {
    this.workListeners.add(fn);
  }

  /** A release (shutdown, hand-over) waits for this (bounded) so the new owner never overlaps the work under way. */
  beforeRelease(fn: () => Promise<void>): void {
    this.idleWaiters.add(fn);
  }

  /** Asks the owner, in whichever process, to look for work now (a page was staged, an operator said "retry now"). */
  nudge(): void {
    if (this.owned) {
      this.fire();
      return;
    }
    this.conn?.nudge(this.key).catch((err: unknown) => {
      this.logger.debug({ event: 'ownership.nudge_failed', message: err instanceof Error ? err.message : String(err) });
    });
  }

  /**
   * Whether a process boot still runs. SQLite: only this one does (one process). PostgreSQL: a boot is alive while
   * its process holds its boot lock, so a session served by another live process is not taken for abandoned.
   */
  async isBootAlive(bootId: string | null): Promise<boolean> {
    if (bootId === THIS_PROCESS.bootId) return true;
    if (bootId === null || this.conn === null) return false;
    const k = bootLockKey(bootId);
    const rows: unknown[] = await this.dataSource.query(LOCK_HOLDERS, [k.namespace, k.key]);
    return rows.length > 0;
  }

  async owner(): Promise<CompanyOwner> {
    if (this.owned) return { process: 'this', pid: THIS_PROCESS.pid, host: THIS_PROCESS.host, bootId: THIS_PROCESS.bootId, since: this.ownedSince };
    const rows: { name: string }[] = await this.dataSource.query(LOCK_HOLDERS, [this.key.namespace, this.key.key]);
    const holder = rows[0] ? parseApplicationName(rows[0].name) : null;
    if (!holder) return { process: 'none', pid: null, host: null, bootId: null, since: null };
    return { process: 'other', pid: holder.pid, host: holder.host, bootId: holder.bootIdPrefix, since: null };
  }

  /** The first try is awaited, so a process alone on its database owns its companies before it serves a request. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.conn) return;
    this.unsubscribe.push(this.conn.onLost(() => this.lost('its PostgreSQL connection broke')));
    this.unsubscribe.push(
      this.conn.onNudge((k) => {
        if (this.owned && k.namespace === this.key.namespace && k.key === this.key.key) this.fire();
      }),
    );
    // One timer and one count of the live processes per round for all the companies of this process (OwnershipRounds).
    this.rounds = OwnershipRounds.for(this.conn, {
      companies: this.config.cluster.companies,
      everyMs: this.config.cluster.ownershipRetryMs,
      onError: (err) => this.retryFailed(err),
    });
    await this.rounds.join(this);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.rounds?.leave(this);
    for (const u of this.unsubscribe) u();
    if (!this.conn) return;
    if (this.owned) await this.release('shutdown');
    await this.conn.release();
  }

  /**
   * This company's step of a round (OwnershipRounds): an owner checks it still is and hands the company back when
   * the process has more than its share; anyone else takes the lock when it is free and within the share.
   */
  async attempt({ share, healthy }: RoundFacts): Promise<void> {
    if (!this.conn || this.stopped) return;
    if (this.owned) {
      if (!healthy || !this.conn.holds(this.key)) {
        this.lost('its lock is no longer held');
        return;
      }
      if (ownedInProcess > share) await this.release('another process has fewer companies');
      return;
    }
    if (ownedInProcess >= share) return;
    if (!(await this.conn.tryLock(this.key))) return;
    this.owned = true;
    ownedInProcess += 1;
    this.ownedSince = new Date();
    this.logger.log({
      event: 'ownership.acquired',
      company: this.config.companyId,
      pid: THIS_PROCESS.pid,
      host: THIS_PROCESS.host,
      bootId: THIS_PROCESS.bootId,
    });
    this.fire();
  }

  private retryFailed(err: unknown): void {
    this.logger.warn({
      event: 'ownership.retry_failed',
      message: err instanceof Error ? err.message : String(err),
      retryInMs: this.config.cluster.ownershipRetryMs,
      action: 'check that PostgreSQL is reachable; retried automatically',
    });
  }

  private async release(reason: string): Promise<void> {
    this.markNotOwned();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, RELEASE_GRACE_MS);
      timer.unref();
    });
    await Promise.race([Promise.all([...this.idleWaiters].map((w) => w())), grace]);
    clearTimeout(timer);
    await this.conn?.unlock(this.key);
    this.logger.log({ event: 'ownership.released', company: this.config.companyId, reason });
  }

  private lost(reason: string): void {
    if (!this.owned) return;
    this.markNotOwned();
    this.logger.warn({
      event: 'ownership.lost',
      company: this.config.companyId,
      reason,
      action: `background work stops here; a live process takes it over within ${this.config.cluster.ownershipRetryMs / 1000} s`,
    });
  }

  private markNotOwned(): void {
    if (!this.owned) return;
    this.owned = false;
    this.ownedSince = null;
    ownedInProcess = Math.max(0, ownedInProcess - 1);
  }

  private fire(): void {
    for (const fn of this.workListeners) fn();
  }
}
