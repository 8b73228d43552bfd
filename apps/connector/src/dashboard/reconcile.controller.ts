import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import type { ReconcileReport } from './reconcile-report.js';
import { ReconcileService } from './reconcile.service.js';

@ApiTags('admin: sync')
@ApiBearerAuth('admin')
@ApiUnauthorizedResponse({ description: 'missing or wrong Bearer ADMIN_TOKEN' })
@Controller('admin/reconcile')
@UseGuards(AdminTokenGuard)
export class ReconcileController {
  constructor(private readonly reconcile: ReconcileService) {}

  @Get()
  @ApiOperation({ summary: 'Linked records per Bitrix24 entity vs live Bitrix24 counts, deal amount total, and links whose Bitrix24 record is gone' })
  report(): Promise<ReconcileReport> {
    return this.reconcile.report();
  }
}
