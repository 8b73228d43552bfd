import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { StoredErrorCode } from '@qb-b24/sync-core';
import { epochMs } from '../database/epoch-ms.transformer.js';

export const OUTBOX_STATUSES = ['pending', 'in_flight', 'done', 'dead', 'conflict', 'superseded'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** The durable queue toward QuickBooks: one row per intended Add/Mod, handed out by QBWC sessions. */
@Entity({ name: 'outbox' })
@Unique('uq_outbox_key', ['idempotencyKey'])
@Index('ix_outbox_status', ['status', 'notBefore'])
@Index('ix_outbox_record', ['b24Entity', 'b24Id'])
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 200 }) idempotencyKey!: string;
  @Column({ type: 'varchar', length: 30 }) b24Entity!: string;
  @Column({ type: 'varchar', length: 30 }) b24Id!: string;
  @Column({ type: 'varchar', length: 30 }) qbEntity!: string;
  @Column({ type: 'varchar', length: 50, nullable: true }) qbId!: string | null;
  /** 'add' | 'mod' | 'delete', decided when the row is handed out (a mapping may appear meanwhile). */
  @Column({ type: 'varchar', length: 20 }) operation!: string;
  /** The mapped fields (JSON), not qbXML: the request is built at hand-out time from current state. */
  @Column({ type: 'text' }) payloadJson!: string;
  @Column({ type: 'varchar', length: 20 }) status!: OutboxStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'bigint', transformer: epochMs }) notBefore!: Date;
  @Column({ type: 'varchar', length: 64, nullable: true }) ticketHash!: string | null;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) lastErrorCode!: StoredErrorCode | null;
  @Column({ type: 'bigint', transformer: epochMs }) createdAt!: Date;
  @Column({ type: 'bigint', transformer: epochMs }) updatedAt!: Date;
}
