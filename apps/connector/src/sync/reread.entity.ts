import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

/**
 * A QuickBooks record to read again by id (an invoice a payment is applied to, qbxml.md §5.6), queued in the
 * transaction that staged the page asking for it and removed in the one that stages its re-read. A session that ends
 * first leaves it queued, so the next session reads it: a payment never goes unseen on its invoice's deal.
 */
@Entity({ name: 'qb_reread' })
@Unique('uq_qb_reread', ['entity', 'qbId'])
export class RereadEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 30 }) entity!: string;
  @Column({ type: 'varchar', length: 50 }) qbId!: string;
  @Column({ type: 'bigint', transformer: epochMs }) queuedAt!: Date;
}
