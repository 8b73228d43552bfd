import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

/**
 * Links one QuickBooks record to one Bitrix24 record. A QuickBooks customer with a company name links to a
 * Bitrix24 company and a contact, so the natural key includes the Bitrix24 entity type. Jobs map to their
 * parent's Bitrix24 record, so the Bitrix24 side is indexed, not unique.
 */
@Entity({ name: 'id_mapping' })
@Unique('uq_id_mapping_qb', ['qbEntity', 'qbId', 'b24Entity'])
@Index('ix_id_mapping_b24', ['b24Entity', 'b24Id'])
export class IdMappingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 30 }) qbEntity!: string;
  /** ListID or TxnID. */
  @Column({ type: 'varchar', length: 50 }) qbId!: string;
  @Column({ type: 'varchar', length: 30 }) b24Entity!: string;
  @Column({ type: 'varchar', length: 30 }) b24Id!: string;
  @Column({ type: 'varchar', length: 30, nullable: true }) qbEditSequence!: string | null;
  /** Fingerprint of what we last wrote to / read from each side, for echo suppression. */
  @Column({ type: 'varchar', length: 64, nullable: true }) qbHash!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) b24Hash!: string | null;
  /** Field values as last synced (JSON), the base for a three-way merge on conflicts. */
  @Column({ type: 'text', nullable: true }) baseJson!: string | null;
  @Column({ type: 'varchar', length: 20, default: 'linked' }) status!: string;
  @Column({ type: 'bigint', transformer: epochMs }) createdAt!: Date;
  @Column({ type: 'bigint', transformer: epochMs }) updatedAt!: Date;
}
