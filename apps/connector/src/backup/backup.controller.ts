import { Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AdminEndpoint } from '../admin/admin-endpoint.decorator.js';
import { BackupErrorFilter } from './backup-error.filter.js';
import { BackupService } from './backup.service.js';

@ApiTags('admin: backup')
@Controller('admin')
@AdminEndpoint()
@UseFilters(BackupErrorFilter)
export class BackupController {
  constructor(private readonly backups: BackupService) {}

  @Post('backup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Back up the SQLite database now (online, while syncing goes on), keeping the newest BACKUP_KEEP' })
  @ApiOkResponse({ description: '{ file: absolute path written, reason: "manual", bytes, createdAt, removed: older backups deleted }' })
  @ApiResponse({ status: 501, description: 'PostgreSQL: use pg_dump (the message says how)' })
  backup() {
    return this.backups.backup('manual');
  }
}
