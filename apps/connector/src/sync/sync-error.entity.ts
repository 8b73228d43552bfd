import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredErrorCode } from '@qb-b24/sync-core';
import { epochMs } from '../database/epoch-ms.transformer.js';

/** A problem an operator may need to act on, in plain language, with the record it concerns. */
@Entity({ name: 'sync_error' })
@Index('ix_sync_error_created', ['createdAt'])
export class SyncErrorEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'integer', nullable: true }) runId!: number | null;
  @Column({ type: 'varchar', length: 30 }) source!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) entity!: string | null;
  @Column({ type: 'varchar', length: 60, nullable: true }) recordId!: string | null;
  @Column({ type: 'varchar', length: 40 }) code!: StoredErrorCode;
  @Column({ type: 'text' }) message!: string;
  @Column({ type: 'bigint', transformer: epochMs }) createdAt!: Date;
}
