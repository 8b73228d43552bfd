import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

/** One sync run (a Web Connector session, or a Bitrix24 poll), with what it did. */
@Entity({ name: 'sync_run' })
@Index('ix_sync_run_started', ['startedAt'])
export class SyncRunEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 20 }) trigger!: string;
  @Column({ type: 'varchar', length: 8, nullable: true }) ticketPrefix!: string | null;
  @Column({ type: 'varchar', length: 40 }) status!: string;
  @Column({ type: 'text', default: '{}' }) statsJson!: string;
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'bigint', transformer: epochMs }) startedAt!: Date;
  @Column({ type: 'bigint', transformer: epochMs, nullable: true }) finishedAt!: Date | null;
}
