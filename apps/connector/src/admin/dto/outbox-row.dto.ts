import { ApiProperty } from '@nestjs/swagger';
import type { StoredErrorCode } from '@qb-b24/sync-core';
import { OUTBOX_STATUSES, type OutboxRow, type OutboxStatus } from '../../sync/outbox.type.js';

/** One queue row as the admin API shows it: no payload, no ticket hash. */
export class OutboxRowDto {
  @ApiProperty() id!: number;
  @ApiProperty() b24Entity!: string;
  @ApiProperty() b24Id!: string;
  @ApiProperty() qbEntity!: string;
  @ApiProperty({ type: String, nullable: true }) qbId!: string | null;
  @ApiProperty() operation!: string;
  @ApiProperty({ enum: OUTBOX_STATUSES }) status!: OutboxStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, format: 'date-time' }) notBefore!: string;
  @ApiProperty({ type: String, nullable: true }) lastErrorCode!: StoredErrorCode | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: string;

  static from(e: OutboxRow): OutboxRowDto {
    const dto = new OutboxRowDto();
    dto.id = e.id;
    dto.b24Entity = e.b24Entity;
    dto.b24Id = e.b24Id;
    dto.qbEntity = e.qbEntity;
    dto.qbId = e.qbId;
    dto.operation = e.operation;
    dto.status = e.status;
    dto.attempts = e.attempts;
    dto.notBefore = e.notBefore.toISOString();
    dto.lastErrorCode = e.lastErrorCode;
    dto.lastError = e.lastError;
    dto.createdAt = e.createdAt.toISOString();
    dto.updatedAt = e.updatedAt.toISOString();
    return dto;
  }
}
