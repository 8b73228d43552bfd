import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

/** `skipped`: the mapping's toQuickBooks filter kept an unlinked record out of QuickBooks. */
export const B24_EVENT_STATUSES = ['pending', 'processed', 'ignored', 'skipped', 'failed'] as const;
export type B24EventStatus = (typeof B24_EVENT_STATUSES)[number];

/**
 * A Bitrix24 outbound event, stored before the webhook answers (STYLE §2.8) and processed afterwards.
 * `dedupeKey` (event, entity, record id, ts) makes a duplicate delivery a no-op while the first is still waiting.
 */
@Entity({ name: 'b24_event' })
@Index('ix_b24_event_key', ['dedupeKey', 'status'])
@Index('ix_b24_event_status', ['status', 'id'])
@Index('ix_b24_event_record', ['b24Entity', 'b24Id'])
export class B24EventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 200 }) dedupeKey!: string;
  /** e.g. ONCRMCONTACTUPDATE */
  @Column({ type: 'varchar', length: 60 }) event!: string;
  /** contact | company | deal | product */
  @Column({ type: 'varchar', length: 30 }) b24Entity!: string;
  @Column({ type: 'varchar', length: 30 }) b24Id!: string;
  /** add | update | delete */
  @Column({ type: 'varchar', length: 20 }) action!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) ts!: string | null;
  @Column({ type: 'varchar', length: 20 }) status!: B24EventStatus;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'bigint', transformer: epochMs }) receivedAt!: Date;
  @Column({ type: 'bigint', transformer: epochMs, nullable: true }) processedAt!: Date | null;
}
