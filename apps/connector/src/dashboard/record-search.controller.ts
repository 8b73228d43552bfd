import { BadRequestException, Controller, Get, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import { parseSearchQuery, type SearchHit } from './record-search.js';
import { RecordSearchService } from './record-search.service.js';
import { ReconcileErrorFilter } from './reconcile-error.filter.js';

@ApiTags('admin: sync')
@ApiBearerAuth('admin')
@ApiUnauthorizedResponse({ description: 'missing or wrong Bearer ADMIN_TOKEN' })
@Controller('admin/search')
@UseGuards(AdminTokenGuard)
@UseFilters(ReconcileErrorFilter)
export class RecordSearchController {
  constructor(private readonly records: RecordSearchService) {}

  @Get()
  @ApiOperation({ summary: 'Bitrix24 records whose name or title contains q, or whose e-mail is q (deal titles carry the RefNumber)' })
  search(@Query('q') q: unknown): Promise<SearchHit[]> {
    const text = parseSearchQuery(q);
    if (text === null) throw new BadRequestException('q must be 2 to 100 characters: a name, an e-mail or a RefNumber.');
    return this.records.search(text);
  }
}
