import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import type { ReconcileReport } from './reconcile-report.js';
import { ReconcileErrorFilter } from './reconcile-error.filter.js';
import { ReconcileService } from './reconcile.service.js';

@ApiTags('admin: sync')
@ApiBearerAuth('admin')
@ApiUnauthorizedResponse({ description: 'missing or wrong Bearer ADMIN_TOKEN' })
@Controller('admin/reconcile')
@ApiServiceUnavailableResponse({ description: 'Bitrix24 is not configured, unreachable, or too slow (code BITRIX24_*); nothing was compared' })
@UseGuards(AdminTokenGuard)
@UseFilters(ReconcileErrorFilter)
export class ReconcileController {
  constructor(private readonly reconcile: ReconcileService) {}

  @Get()
  @ApiOperation({ summary: 'Linked records per Bitrix24 entity vs live Bitrix24 counts, deal amount total, and links whose Bitrix24 record is gone' })
  report(): Promise<ReconcileReport> {
    return this.reconcile.report();
  }
}
