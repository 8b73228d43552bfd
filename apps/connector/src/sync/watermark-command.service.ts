import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { WatermarkRepository } from './watermark.repository.js';

/** Operator resets of change capture (the admin API), each with its audit row in one transaction. */
@Injectable()
export class WatermarkCommandService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly watermarks: WatermarkRepository,
    private readonly journal: SyncJournalRepository,
  ) {}

  /** Deletes the given watermarks, so the next run reads those entities in full; returns the keys that existed. */
  reset(keys: readonly string[]): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const deleted = await this.watermarks.delete(keys, tx);
      await this.journal.log([{ direction: 'admin', action: 'resync', detail: JSON.stringify({ keys, reset: deleted }) }], this.clock.now(), tx);
      return deleted;
    });
  }
}
