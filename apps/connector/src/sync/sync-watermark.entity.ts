import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

/** How far change capture has safely got, per entity and direction (`qb:customer`, `b24:contact`, …). */
@Entity({ name: 'sync_watermark' })
export class SyncWatermarkEntity {
  @PrimaryColumn({ type: 'varchar', length: 60 }) key!: string;
  @Column({ type: 'bigint', transformer: epochMs, nullable: true }) modifiedSince!: Date | null;
  @Column({ type: 'bigint', transformer: epochMs, nullable: true }) deletedSince!: Date | null;
  @Column({ type: 'integer', default: 0 }) recordsSeen!: number;
  @Column({ type: 'bigint', transformer: epochMs }) updatedAt!: Date;
}
