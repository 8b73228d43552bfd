import { ApiPropertyOptional } from '@nestjs/swagger';
import { LimitQueryDto } from './limit-query.dto.js';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

const ENTITY_RE = /^[a-z_]{1,30}$/;

/** `GET /admin/mappings` filters and paging. */
export class MappingsQueryDto extends LimitQueryDto {
  @ApiPropertyOptional({ example: 'customer' })
  @IsOptional()
  @Matches(ENTITY_RE)
  qbEntity?: string;

  @ApiPropertyOptional({ example: 'company' })
  @IsOptional()
  @Matches(ENTITY_RE)
  b24Entity?: string;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  offset?: number;
}
