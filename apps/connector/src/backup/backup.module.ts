import { Module } from '@nestjs/common';
import { AdminTokenGuard } from '../admin/admin-token.guard.js';
import { BackupController } from './backup.controller.js';
import { BackupService } from './backup.service.js';

/** SQLite backups: daily, on request (POST /admin/backup); the pre-migration one runs in DatabaseModule. Owns no table. */
@Module({
  controllers: [BackupController],
  providers: [BackupService, AdminTokenGuard],
})
export class BackupModule {}
