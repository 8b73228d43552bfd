import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { epochMs } from '../database/epoch-ms.transformer.js';

export const STAGED_PAGE_KINDS = ['records', 'deleted'] as const;
export type StagedPageKind = (typeof STAGED_PAGE_KINDS)[number];

export const STAGED_PAGE_STATUSES = ['pending', 'dead'] as const;
export type StagedPageStatus = (typeof STAGED_PAGE_STATUSES)[number];

/**
 * One page QuickBooks answered, stored by receiveResponseXML in the same transaction that advances the session
 * plan and the watermark, and applied to Bitrix24 later by the Bitrix24 worker (oldest first). The Web
 * Connector call therefore never waits on Bitrix24, and a page is never lost: the row is deleted only once
 * Bitrix24 has it. `pageKey` is the qbXML requestID prefix, unique, so a page is staged at most once.
 */
@Entity({ name: 'staged_page' })
@Index('ix_staged_page_status', ['status', 'id'])
@Unique('uq_staged_page_key', ['pageKey'])
export class StagedPageEntity {
  @PrimaryGeneratedColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 60 }) pageKey!: string;
  @Column({ type: 'integer' }) runId!: number;
  /** QuickBooks entity (a registered strategy's kind). */
  @Column({ type: 'varchar', length: 30 }) entity!: string;
  @Column({ type: 'varchar', length: 20 }) kind!: StagedPageKind;
  /** Staged by a first import: existing Bitrix24 records are matched before anything is created. */
  @Column({ type: 'boolean' }) firstRun!: boolean;
  /** JSON: the parsed query response (`records`) or the deleted ids (`deleted`). */
  @Column({ type: 'text' }) payloadJson!: string;
  @Column({ type: 'integer' }) recordCount!: number;
  @Column({ type: 'varchar', length: 20 }) status!: StagedPageStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'bigint', transformer: epochMs }) createdAt!: Date;
  @Column({ type: 'bigint', transformer: epochMs, nullable: true }) lastAttemptAt!: Date | null;
}
