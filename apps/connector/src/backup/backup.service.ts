import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { existsSync, readdirSync } from 'node:fs';
import { CLOCK, type Clock } from '../common/clock.js';
import { AppConfig } from '../config/app-config.js';
import { backupDatabase, backupPrefix } from './backup-database.js';
import { listBackups, stampToDate } from './backup-file-name.js';
import type { BackupReason } from './backup-reason.js';
import type { BackupResult } from './sqlite-backup.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the daily backup is checked for: a PC switched off at night still gets one a day while it runs. */
export const DAILY_CHECK_MS = 60 * 60 * 1000;

/** Manual backups (POST /admin/backup) and the daily one, of this company's SQLite database. */
@Injectable()
export class BackupService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BackupService.name);
  private busy = false;

  constructor(
    private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const db = this.config.database;
    if (db.type !== 'sqlite' || db.path === ':memory:') return;
    const timer = setInterval(() => void this.dailyTick(), DAILY_CHECK_MS);
    timer.unref();
    this.scheduler.addInterval('backup-daily', timer);
  }

  onApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', 'backup-daily')) this.scheduler.deleteInterval('backup-daily');
  }

  backup(reason: BackupReason): Promise<BackupResult> {
    return backupDatabase(this.config, reason, this.clock.now());
  }

  /** Makes the daily backup when the newest one is a day old or missing; failures are logged, never thrown into the timer. */
  async dailyTick(): Promise<BackupResult | null> {
    if (this.busy) return null;
    this.busy = true;
    try {
      if (!this.dailyDue()) return null;
      const result = await this.backup('daily');
      this.logger.log({ event: 'backup.daily', file: result.file, bytes: result.bytes, removed: result.removed.length });
      return result;
    } catch (err) {
      this.logger.error({
        event: 'backup.daily_failed',
        message: err instanceof Error ? err.message : String(err),
        action: `retried in ${DAILY_CHECK_MS / 60_000} minutes; check that ${this.config.backup.dir} is writable, or run npm run backup`,
      });
      return null;
    } finally {
      this.busy = false;
    }
  }

  private dailyDue(): boolean {
    const dir = this.config.backup.dir;
    if (!existsSync(dir)) return true;
    const last = listBackups(backupPrefix(this.config), readdirSync(dir)).find((b) => b.reason === 'daily');
    return !last || this.clock.now().getTime() - stampToDate(last.stamp).getTime() >= DAY_MS;
  }
}
