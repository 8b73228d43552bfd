import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

/**
 * One wrong Web Connector password, by client address. In the database, not in memory, so the authenticate
 * throttle counts a guesser's failures across every process that answers (several processes on one PostgreSQL).
 */
@Entity({ name: 'auth_failure' })
@Index('ix_auth_failure_client', ['client', 'failedAt'])
export class AuthFailureEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 100 }) client!: string;
  @Column({ type: 'bigint', transformer: epochMs }) failedAt!: Date;
}
