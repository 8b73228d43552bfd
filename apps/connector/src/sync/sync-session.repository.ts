import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SyncSessionEntity } from './sync-session.entity.js';

/** Persists a session's plan as JSON: small, one row per live session. */
@Injectable()
export class SyncSessionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load<T>(ticketHash: string): Promise<T | null> {
    const row = await this.db.getRepository(SyncSessionEntity).findOneBy({ ticketHash });
    return row ? (JSON.parse(row.stateJson) as T) : null;
  }

  async save(ticketHash: string, state: unknown, now: Date, tx?: EntityManager): Promise<void> {
    await (tx ?? this.db.manager).getRepository(SyncSessionEntity).save({ ticketHash, stateJson: JSON.stringify(state), updatedAt: now });
  }

  async delete(ticketHash: string): Promise<void> {
    await this.db.getRepository(SyncSessionEntity).delete({ ticketHash });
  }
}
