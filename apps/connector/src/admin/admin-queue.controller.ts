import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminEndpoint } from './admin-endpoint.decorator.js';
import { AdminService } from './admin.service.js';
import { IdParamDto } from './dto/id-param.dto.js';
import { LimitQueryDto } from './dto/limit-query.dto.js';
import { OutboxRowDto } from './dto/outbox-row.dto.js';
import { QueueQueryDto } from './dto/queue-query.dto.js';
import { ResolveConflictDto } from './dto/resolve-conflict.dto.js';

/** The QuickBooks-bound queue: inspect it, requeue dead letters, settle conflicts. */
@ApiTags('admin: queue')
@Controller('admin')
@AdminEndpoint()
export class AdminQueueController {
  constructor(private readonly admin: AdminService) {}

  @Get('queue')
  @ApiOperation({ summary: 'Rows waiting for (pending) or handed to (in_flight) a Web Connector session' })
  @ApiOkResponse({ type: OutboxRowDto, isArray: true })
  queue(@Query() q: QueueQueryDto): Promise<OutboxRowDto[]> {
    return this.admin.list(q.status ? [q.status] : ['pending', 'in_flight'], q.limit);
  }

  @Get('dead-letters')
  @ApiOperation({ summary: 'Rows that failed permanently or ran out of retries' })
  @ApiOkResponse({ type: OutboxRowDto, isArray: true })
  deadLetters(@Query() q: LimitQueryDto): Promise<OutboxRowDto[]> {
    return this.admin.list(['dead'], q.limit);
  }

  @Get('conflicts')
  @ApiOperation({ summary: 'Rows parked because both systems changed the record' })
  @ApiOkResponse({ type: OutboxRowDto, isArray: true })
  conflicts(@Query() q: LimitQueryDto): Promise<OutboxRowDto[]> {
    return this.admin.list(['conflict'], q.limit);
  }

  @Post('queue/:id/requeue')
  @HttpCode(200)
  @ApiOperation({ summary: 'Put a dead or conflict row back in the queue (attempts 0, due now)' })
  @ApiOkResponse({ type: OutboxRowDto })
  @ApiNotFoundResponse({ description: 'unknown row' })
  @ApiConflictResponse({ description: 'the row is neither dead nor a conflict' })
  requeue(@Param() p: IdParamDto): Promise<OutboxRowDto> {
    return this.admin.requeue(p.id);
  }

  @Post('dead-letters/requeue-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Requeue every dead row' })
  @ApiOkResponse({ schema: { type: 'object', properties: { requeued: { type: 'integer' }, ids: { type: 'array', items: { type: 'integer' } } } } })
  requeueAll(): Promise<{ requeued: number; ids: number[] }> {
    return this.admin.requeueAllDead();
  }

  @Post('conflicts/:id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Settle a conflict: b24 re-applies the Bitrix24 change, qb re-reads QuickBooks and overwrites Bitrix24' })
  @ApiOkResponse({ type: OutboxRowDto })
  @ApiNotFoundResponse({ description: 'unknown row' })
  @ApiConflictResponse({ description: 'the row is not a conflict' })
  resolve(@Param() p: IdParamDto, @Body() body: ResolveConflictDto): Promise<OutboxRowDto> {
    return this.admin.resolveConflict(p.id, body.winner);
  }
}
