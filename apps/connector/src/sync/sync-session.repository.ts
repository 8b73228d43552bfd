import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RawSql } from '../database/raw-sql.js';

const LOAD = 'SELECT "stateJson" FROM "sync_session" WHERE "ticketHash" = ?';
// One statement, so a save outside a transaction needs none (TypeORM's save read the row, then updated it in one).
const SAVE =
  'INSERT INTO "sync_session" ("ticketHash", "stateJson", "updatedAt") VALUES (?, ?, ?) ' +
  'ON CONFLICT ("ticketHash") DO UPDATE SET "stateJson" = excluded."stateJson", "updatedAt" = excluded."updatedAt"';
const DELETE = 'DELETE FROM "sync_session" WHERE "ticketHash" = ?';

/**
 * Persists a session's plan as JSON: small, one row per live session. Read and written on every Web Connector call
 * of a session, so the statements are fixed SQL prepared once (database/raw-sql.ts).
 */
@Injectable()
export class SyncSessionRepository {
  private readonly sql: RawSql;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = new RawSql(db);
  }

  async load<T>(ticketHash: string): Promise<T | null> {
    const row = await this.sql.one(LOAD, [ticketHash]);
    return row ? (JSON.parse(String(row['stateJson'])) as T) : null;
  }

  async save(ticketHash: string, state: unknown, now: Date, tx?: EntityManager): Promise<void> {
    await this.sql.run(SAVE, [ticketHash, JSON.stringify(state), now.getTime()], tx);
  }

  async delete(ticketHash: string): Promise<void> {
    await this.sql.run(DELETE, [ticketHash]);
  }
}
