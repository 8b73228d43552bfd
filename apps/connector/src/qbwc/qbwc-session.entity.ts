import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

export const QBWC_SESSION_STATES = ['open', 'closed', 'expired'] as const;
export type QbwcSessionState = (typeof QBWC_SESSION_STATES)[number];

/** One Web Connector session, persisted so a restart between two calls loses nothing. */
@Entity({ name: 'qbwc_session' })
@Index('ix_qbwc_session_state', ['state', 'lastSeenAt'])
export class QbwcSessionEntity {
  /** SHA-256 of the ticket: a leaked database does not leak live tickets. */
  @PrimaryColumn({ type: 'varchar', length: 64 }) ticketHash!: string;
  @Column({ type: 'varchar', length: 8 }) ticketPrefix!: string;
  @Column({ type: 'varchar', length: 100 }) username!: string;
  @Column({ type: 'varchar', length: 20 }) state!: QbwcSessionState;
  @Column({ type: 'text' }) companyFile!: string;
  @Column({ type: 'varchar', length: 40, nullable: true }) lastCall!: string | null;
  @Column({ type: 'integer', default: 0 }) rounds!: number;
  @Column({ type: 'integer', default: 0 }) progress!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) lastHresult!: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) qbxmlVersion!: string | null;
  @Column({ type: 'bigint', transformer: epochMs }) createdAt!: Date;
  @Column({ type: 'bigint', transformer: epochMs }) lastSeenAt!: Date;
  @Column({ type: 'bigint', transformer: epochMs, nullable: true }) closedAt!: Date | null;
  /** The process boot that last served this session; a session of a dead boot never makes the next run "busy". */
  @Column({ type: 'varchar', length: 40, nullable: true }) bootId!: string | null;
}
