import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RESYNC_ENTITIES, SYNC_SYSTEMS, type ResyncEntity, type SyncSystem } from '../sync-entities.constant.js';

/** Forget the watermark(s) of one entity so the next run reads every record again; both sides when `direction` is omitted. */
export class ResyncDto {
  @ApiProperty({ enum: RESYNC_ENTITIES })
  @IsIn(RESYNC_ENTITIES)
  entity!: ResyncEntity;

  @ApiPropertyOptional({ enum: SYNC_SYSTEMS, description: 'qb = the qb:<entity> watermark, b24 = the b24:<entity> one' })
  @IsOptional()
  @IsIn(SYNC_SYSTEMS)
  direction?: SyncSystem;
}
