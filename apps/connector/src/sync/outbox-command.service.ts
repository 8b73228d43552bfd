import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import type { OutboxEntity, OutboxStatus } from './outbox.entity.js';
import { OutboxRepository } from './outbox.repository.js';
import { toOutboxRow, type OutboxCommandResult, type OutboxRow } from './outbox.type.js';
import { SyncJournalRepository } from './sync-journal.repository.js';
import { parseJsonObject } from '../common/parse-json-object.js';

const REQUEUEABLE: readonly OutboxStatus[] = ['dead', 'conflict'];

/** Thrown inside a command's transaction to roll it back; turned into a refused result outside it. */
class Refused extends Error {
  constructor(
    readonly reason: 'NOT_FOUND' | 'INVALID_STATE',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Operator repairs of the queue (the admin API): each command is one transaction with its audit row in
 * sync_log (direction 'admin'), so every operator action is part of the record's history.
 */
@Injectable()
export class OutboxCommandService {
  private readonly logger = new Logger(OutboxCommandService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: OutboxRepository,
    private readonly journal: SyncJournalRepository,
  ) {}

  /** A dead or conflict row goes back to pending with a fresh retry budget. */
  requeue(id: number): Promise<OutboxCommandResult<OutboxRow>> {
    return this.run(async (tx) => {
      const row = await this.mustFind(id, tx);
      if (!REQUEUEABLE.includes(row.status)) {
        throw new Refused('INVALID_STATE', `Queue row ${id} is ${row.status}; only dead or conflict rows can be requeued.`);
      }
      return this.reset(row, {}, 'requeue', `requeued from ${row.status}`, tx);
    });
  }

  /** Every dead row back to pending, all or none. Returns the ids requeued. */
  requeueAllDead(): Promise<OutboxCommandResult<number[]>> {
    return this.run(async (tx) => {
      const done: number[] = [];
      for (const row of await this.outbox.allWithStatus('dead', tx)) {
        await this.reset(row, {}, 'requeue', 'requeued from dead (requeue-all)', tx);
        done.push(row.id);
      }
      return done;
    });
  }

  /**
   * b24 wins: the stored Bitrix24 change is applied to QuickBooks as queued. qb wins: the row becomes a
   * `refresh`, so the engine re-reads the QuickBooks record and overwrites Bitrix24 with it.
   */
  resolveConflict(id: number, winner: 'qb' | 'b24'): Promise<OutboxCommandResult<OutboxRow>> {
    return this.run(async (tx) => {
      const row = await this.mustFind(id, tx);
      if (row.status !== 'conflict') throw new Refused('INVALID_STATE', `Queue row ${id} is ${row.status}, not a conflict.`);
      const payload = parseJsonObject(row.payloadJson);
      if (!payload) throw new Refused('INVALID_STATE', `Queue row ${id} has a payload that is not a JSON object; requeue or delete it instead.`);
      const changes: Partial<OutboxEntity> = {
        payloadJson: JSON.stringify({ ...payload, resolution: winner }),
        ...(winner === 'qb' ? { operation: 'refresh' } : {}),
      };
      return this.reset(row, changes, 'resolve', `conflict resolved: ${winner} wins`, tx);
    });
  }

  private async run<T>(work: (tx: EntityManager) => Promise<T>): Promise<OutboxCommandResult<T>> {
    try {
      return { ok: true, value: await this.db.transaction(work) };
    } catch (err) {
      if (err instanceof Refused) return { ok: false, reason: err.reason, message: err.message };
      throw err;
    }
  }

  private async mustFind(id: number, tx: EntityManager): Promise<OutboxEntity> {
    const row = await this.outbox.findById(id, tx);
    if (!row) throw new Refused('NOT_FOUND', `No queue row ${id}.`);
    return row;
  }

  /** Back to pending, due now, retry budget and ticket cleared; plus an audit row and a log line. */
  private async reset(row: OutboxEntity, extra: Partial<OutboxEntity>, action: string, detail: string, tx: EntityManager): Promise<OutboxRow> {
    const now = this.clock.now();
    const changes: Partial<OutboxEntity> = { ...extra, status: 'pending', attempts: 0, notBefore: now, ticketHash: null, updatedAt: now };
    if (!(await this.outbox.updateIfStatus(row.id, row.status, changes, tx))) {
      throw new Refused('INVALID_STATE', `Queue row ${row.id} changed while being updated; reload and retry.`);
    }
    await this.journal.log(
      [
        {
          direction: 'admin',
          action,
          qbEntity: row.qbEntity,
          qbId: row.qbId,
          b24Entity: row.b24Entity,
          b24Id: row.b24Id,
          detail: `outbox #${row.id}: ${detail}`,
        },
      ],
      now,
      tx,
    );
    this.logger.log({
      event: `admin.${action}`,
      outboxId: row.id,
      from: row.status,
      qbEntity: row.qbEntity,
      b24Entity: row.b24Entity,
      b24Id: row.b24Id,
      detail,
    });
    return toOutboxRow({ ...row, ...changes });
  }
}
