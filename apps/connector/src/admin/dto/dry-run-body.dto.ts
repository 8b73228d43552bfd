import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

/**
 * A candidate mapping file's JSON, previewed before it is put in force. The content comes in the body rather than
 * as a path, so the dry run never reads a file on the server.
 */
export class DryRunBodyDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the mapping file content (README "Mapping file"); missing keys take the defaults' })
  @IsObject()
  mapping!: Record<string, unknown>;
}
