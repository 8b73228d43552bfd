import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { epochMs } from '../../database/epoch-ms.transformer.js';

/**
 * The unapplied-payment value last written to one Bitrix24 contact or company (mapping payments.unappliedField), so a
 * session where nothing changed writes nothing.
 */
@Entity({ name: 'unapplied_written' })
@Unique('uq_unapplied_written_record', ['b24Entity', 'b24Id'])
export class UnappliedWrittenEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 30 }) b24Entity!: string;
  @Column({ type: 'varchar', length: 30 }) b24Id!: string;
  /** `FIELD=value` as written */
  @Column({ type: 'varchar', length: 120 }) written!: string;
  @Column({ type: 'bigint', transformer: epochMs }) updatedAt!: Date;
}
