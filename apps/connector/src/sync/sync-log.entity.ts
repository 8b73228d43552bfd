import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

/** One sync decision about one record (what came in, what was sent, what came back): a record's history. */
@Entity({ name: 'sync_log' })
@Index('ix_sync_log_b24', ['b24Entity', 'b24Id'])
@Index('ix_sync_log_qb', ['qbEntity', 'qbId'])
export class SyncLogEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 20 }) direction!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) qbEntity!: string | null;
  @Column({ type: 'varchar', length: 50, nullable: true }) qbId!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) b24Entity!: string | null;
  @Column({ type: 'varchar', length: 30, nullable: true }) b24Id!: string | null;
  @Column({ type: 'varchar', length: 40 }) action!: string;
  @Column({ type: 'text', nullable: true }) detail!: string | null;
  @Column({ type: 'bigint', transformer: epochMs }) at!: Date;
}
