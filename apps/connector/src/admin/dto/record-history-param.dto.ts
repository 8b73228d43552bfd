import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { SYNC_SYSTEMS, type SyncSystem } from '../sync-entities.constant.js';

/** `/admin/records/:system/:entity/:id/history`: a QuickBooks ListID/TxnID or a Bitrix24 numeric id. */
export class RecordHistoryParamDto {
  @ApiProperty({ enum: SYNC_SYSTEMS })
  @IsIn(SYNC_SYSTEMS)
  system!: SyncSystem;

  @ApiProperty({ example: 'customer' })
  @Matches(/^[a-z_]{1,30}$/)
  entity!: string;

  @ApiProperty({ example: '80000001-1700000000' })
  @Matches(/^[A-Za-z0-9_.:-]{1,50}$/)
  id!: string;
}
