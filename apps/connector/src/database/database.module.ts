import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { backupBeforeMigrations } from '../backup/backup-database.js';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { openAndMigrate } from './migrate-under-lock.js';

/**
 * The app's TypeORM data source under a name of its company. @nestjs/typeorm keeps a process-wide list of
 * data source names and warns about duplicates, and one process hosts one app per company; repositories
 * still inject the plain `DataSource`, aliased here to this app's own.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    const name = `connector-${config.companyId}`;
    return {
      module: DatabaseModule,
      imports: [
        // Pending migrations run at boot, one transaction each (one process at a time on PostgreSQL); the schema
        // is never synchronised.
        TypeOrmModule.forRootAsync({
          name,
          useFactory: async () => {
            // Before the connection opens and runs them: an upgrade's migrations can be undone from this copy.
            const backup = await backupBeforeMigrations(config, new Date());
            if (backup) new Logger(DatabaseModule.name).log({ event: 'backup.pre_migration', file: backup.file, bytes: backup.bytes });
            return {
              ...dataSourceOptions(config.database),
              name,
              // A PostgreSQL server may still be starting (retry for ~30 s); a SQLite file that cannot open will not improve.
              retryAttempts: config.database.type === 'sqlite' ? 0 : 10,
            };
          },
          dataSourceFactory: async (options) => {
            if (!options) throw new Error('no data source options');
            return openAndMigrate(options);
          },
        }),
      ],
      providers: [{ provide: DataSource, useExisting: getDataSourceToken(name) }],
      exports: [DataSource],
    };
  }
}
