import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '../config/app-config.js';
import { mappingView } from '../config/mapping-file/mapping-view.js';
import { AdminEndpoint } from './admin-endpoint.decorator.js';

/** The business rules in force (README "Mapping file"). */
@ApiTags('admin: mapping')
@Controller('admin')
@AdminEndpoint()
export class AdminMappingController {
  constructor(private readonly config: AppConfig) {}

  @Get('mapping')
  @ApiOperation({ summary: 'The mapping rules in force, the file they came from, and each key that differs from the built-in default' })
  @ApiOkResponse({ description: '{ rules, source: file path or "built-in defaults", differences: [{ path, value, default }] }' })
  mapping() {
    return mappingView(this.config.mapping);
  }
}
