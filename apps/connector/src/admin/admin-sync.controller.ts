import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminEndpoint } from './admin-endpoint.decorator.js';
import { AdminDryRunService } from './admin-dry-run.service.js';
import { AdminErrorsService } from './admin-errors.service.js';
import { DryRunBodyDto } from './dto/dry-run-body.dto.js';
import { DryRunQueryDto } from './dto/dry-run-query.dto.js';
import { AdminService } from './admin.service.js';
import { LimitQueryDto } from './dto/limit-query.dto.js';
import { MappingsQueryDto } from './dto/mappings-query.dto.js';
import { RecordHistoryParamDto } from './dto/record-history-param.dto.js';
import { ResyncDto } from './dto/resync.dto.js';

/** Sync state: mappings, runs, a record's history, watermarks (resync) and a dry run of the next session. */
@ApiTags('admin: sync')
@Controller('admin')
@AdminEndpoint()
export class AdminSyncController {
  constructor(
    private readonly admin: AdminService,
    private readonly adminErrors: AdminErrorsService,
    private readonly dryRunner: AdminDryRunService,
  ) {}

  @Post('resync')
  @HttpCode(200)
  @ApiOperation({ summary: 'Forget the watermark(s) of an entity so the next run re-reads every record' })
  @ApiOkResponse({ description: '{ entity, keys: requested watermark keys, reset: keys that existed and were removed }' })
  resync(@Body() body: ResyncDto) {
    return this.admin.resync(body.entity, body.direction);
  }

  @Get('mappings')
  @ApiOperation({ summary: 'QuickBooks ⇄ Bitrix24 id links, paged' })
  @ApiOkResponse({ description: '{ total, limit, offset, items }' })
  mappings(@Query() q: MappingsQueryDto) {
    return this.admin.mappingsPage(
      { ...(q.qbEntity !== undefined ? { qbEntity: q.qbEntity } : {}), ...(q.b24Entity !== undefined ? { b24Entity: q.b24Entity } : {}) },
      q.limit,
      q.offset,
    );
  }

  @Get('errors')
  @ApiOperation({ summary: 'The latest sync errors with their messages and record ids, and the last Web Connector session error (/status shows codes only)' })
  @ApiOkResponse({ description: '{ last_qbwc_error, errors: [{ at, source, entity, record, code, message }] }' })
  errors(@Query() q: LimitQueryDto) {
    return this.adminErrors.errors(q.limit);
  }

  @Get('runs')
  @ApiOperation({ summary: 'Recent sync runs, newest first, with their statistics' })
  runs(@Query() q: LimitQueryDto) {
    return this.admin.runs(q.limit);
  }

  @Get('records/:system/:entity/:id/history')
  @ApiOperation({ summary: 'Sync log, Bitrix24 events and queue rows for one record (both of its ids), newest first' })
  history(@Param() p: RecordHistoryParamDto) {
    return this.admin.recordHistory(p.system, p.entity, p.id);
  }

  @Get('dry-run')
  @ApiOperation({
    summary:
      'What the next sync would change on each side, per record and field by field (staged QuickBooks pages → Bitrix24, pending outbox rows → QuickBooks), plus pending rows by operation/entity and the watermark each read starts from (null = full import). Reads only.',
  })
  @ApiOkResponse({
    description: '{ at, pending, inFlight, reads, rules, toBitrix24: { pages, records, removals, truncated }, toQuickBooks: { writes, truncated } }',
  })
  dryRun(@Query() q: DryRunQueryDto) {
    return this.dryRunner.preview(undefined, q.limit);
  }

  @Post('dry-run')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The same dry run with a candidate mapping file (its JSON in `mapping`) instead of the rules in force; changes marked fromRulesChange come from it',
  })
  @ApiOkResponse({ description: 'as GET /admin/dry-run, with rules.source "candidate" and rules.changedKeys' })
  dryRunWithMapping(@Body() body: DryRunBodyDto, @Query() q: DryRunQueryDto) {
    return this.dryRunner.preview(body.mapping, q.limit);
  }
}
