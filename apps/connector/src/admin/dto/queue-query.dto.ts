import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitQueryDto } from './limit-query.dto.js';
import { IsIn, IsOptional } from 'class-validator';

export const QUEUE_STATUSES = ['pending', 'in_flight'] as const;

/** `GET /admin/queue`: waiting or handed-out rows (both when `status` is omitted), with `?limit=`. */
export class QueueQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ enum: QUEUE_STATUSES })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status?: (typeof QUEUE_STATUSES)[number];
}
