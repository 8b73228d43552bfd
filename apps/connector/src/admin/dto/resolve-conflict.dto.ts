import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { SYNC_SYSTEMS, type SyncSystem } from '../sync-entities.constant.js';

/** Which side wins a conflict: `b24` re-applies the Bitrix24 change, `qb` re-reads QuickBooks and overwrites Bitrix24. */
export class ResolveConflictDto {
  @ApiProperty({ enum: SYNC_SYSTEMS })
  @IsIn(SYNC_SYSTEMS)
  winner!: SyncSystem;
}
