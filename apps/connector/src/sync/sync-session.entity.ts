import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

/** The sync plan of one Web Connector session (steps, iterator, counts), so a restart mid-session resumes it. */
@Entity({ name: 'sync_session' })
export class SyncSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) ticketHash!: string;
  @Column({ type: 'text' }) stateJson!: string;
  @Column({ type: 'bigint', transformer: epochMs }) updatedAt!: Date;
}
